/** What the scanner finds in the tools folder, and what the emitter needs per tool. */

export interface ToolHints {
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint?: boolean;
}

interface FoundBase {
  /** Project-relative path with forward slashes, e.g. `src/mcp/tools/visits.ts`. */
  readonly file: string;
  readonly line: number;
  readonly exportName: string;
  /** `@name` / `name:`. */
  readonly name?: string;
  /** `@toolset` / `toolset:`. */
  readonly toolset?: string;
}

/** `export async function rescheduleVisit(ctx: ToolContext, args: {...})`. */
export interface FoundFunction extends FoundBase {
  readonly form: 'function';
  readonly title?: string;
  readonly description?: string;
  readonly access: 'read' | 'write';
  readonly hints: ToolHints;
  /** zod code of the input (a `z.strictObject(...)`). */
  readonly input: string;
  /** zod code of the output (a `z.object(...)`), when the return type can be expressed. */
  readonly output?: string;
  /** The output is `{ result: <value> }` because the function returns a non-object. */
  readonly wrap: boolean;
}

/** `export const refundOrder = defineTool({...})`. */
export interface FoundDefinition extends FoundBase {
  readonly form: 'definition';
  /**
   * The definition's own text, for generate's tools/list estimate: `title` and `description` when
   * they are string literals, the source of `input` and `output` (the user's zod code).
   */
  readonly source?: { readonly title?: string; readonly description?: string; readonly input?: string; readonly output?: string };
}

export type FoundTool = FoundFunction | FoundDefinition;

/** A found tool with its final name and toolset. */
export type CustomTool = FoundTool & { readonly toolName: string; readonly toolsetName: string };
