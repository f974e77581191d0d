// Custom tools: adapters from the project's own functions (`src/mcp/tools/`) and `defineTool`
// definitions to ToolDef. Copied verbatim into <output>/runtime/.
//
// Errors: a thrown Error's message reaches the client (it becomes a ToolError), except errors that
// look like infrastructure or bugs — Prisma errors, errors with a `code` (ECONNREFUSED, P2002…),
// TypeError & co., non-Error throws — which the server logs and answers generically (or, for
// Prisma's known codes, translates).
//
// Results: an object is the structured result as is; anything else (a number, an array, `T | null`)
// is sent as `{ result: <value> }`; nothing (`void`) as `{}`. The runtime then serializes values
// (Date → ISO string, bigint/Decimal → string), which is what the derived output schemas describe.
import type { ContentBlock } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { ToolError } from '../core/errors.js';
import type { Access, ToolAnnotations, ToolDef } from '../core/spec.js';

/**
 * Parsed arguments as they really are: zod types an optional member `x?: T | undefined`, but an
 * absent key stays absent, so `x?: T` is exact (and fits `exactOptionalPropertyTypes` projects).
 */
export type Parsed<T> = T extends Date | bigint | string | number | boolean | null | undefined
  ? T
  : { [K in keyof T]: Parsed<Exclude<T[K], undefined>> };

/** What the generator knows about a plain-function tool. */
export interface FunctionToolMeta {
  readonly name: string;
  readonly toolset: string;
  readonly access: Access;
  readonly title: string;
  readonly description: string;
  /** Hints from JSDoc tags (`@readOnly`, `@destructive`, `@idempotent`); the title is added here. */
  readonly annotations?: ToolAnnotations;
  /** Derived from the return type when it can be expressed. */
  readonly output?: z.ZodObject;
  /** The function returns something other than an object: the client gets `{ result: <value> }`. */
  readonly wrap?: boolean;
}

/**
 * A plain typed function as a tool. `fn` is checked against the input schema's output type
 * (NoInfer: the schema decides, the function's `args` type must accept what it produces).
 * `Ctx` is whatever the function declares (the project's ToolContext); the server passes its own.
 */
export function fromFunction<I extends z.ZodObject, Ctx>(
  meta: FunctionToolMeta,
  input: I,
  fn: (ctx: Ctx, args: NoInfer<Parsed<z.output<I>>>) => unknown,
): ToolDef {
  return {
    name: meta.name,
    toolset: meta.toolset,
    access: meta.access,
    title: meta.title,
    description: meta.description,
    input,
    ...(meta.output ? { output: meta.output } : {}),
    annotations: { title: meta.title, readOnlyHint: meta.access === 'read', ...meta.annotations },
    async handler(args, ctx) {
      return structured(await run(() => fn(ctx as Ctx, args as Parsed<z.output<I>>)), meta.wrap ?? false);
    },
  };
}

/** A value the runtime serializes to the JSON an output schema describes (Date → ISO string, …). */
export type Serializable<T> = T extends string
  ? string | Date | bigint | { toFixed(): string }
  : T extends readonly (infer U)[]
    ? readonly Serializable<U>[]
    : T extends Record<string, unknown>
      ? { [K in keyof T]: Serializable<T[K]> }
      : T;

type Returns<O> = [O] extends [z.ZodObject] ? Serializable<z.input<O>> : unknown;

/** The zod-first form: `export const refundOrder = defineTool({ ... })` in a tools file. */
export interface ToolDefinition<I extends z.ZodObject, O extends z.ZodObject | undefined, Ctx> {
  /** Tool name; default: the export name in snake_case. */
  readonly name?: string;
  /** Toolset; default: the config's `toolsets.<name>.tools`, else the only toolset. */
  readonly toolset?: string;
  readonly title?: string;
  readonly description: string;
  /** Arguments, validated before the handler runs; default: none. */
  readonly input?: I;
  /** Structured result; without it, a non-object result is returned as `{ result }`. */
  readonly output?: O;
  /** Needed scope; default `read` when `annotations.readOnlyHint` is true, else `write`. */
  readonly access?: Access;
  readonly annotations?: ToolAnnotations;
  /**
   * Content blocks made from the (serialized) result, for what text cannot carry: an image, audio,
   * an embedded resource. Default: the result as JSON text. The structured result is sent too.
   * @example content: (r) => [{ type: 'image', data: String(r.png), mimeType: 'image/png' }]
   */
  readonly content?: (result: Readonly<Record<string, unknown>>) => ContentBlock[];
  readonly handler: (input: z.output<I>, ctx: Ctx) => Promise<Returns<O>> | Returns<O>;
}

/** `defineTool` typed with the project's ToolContext (the generated context.ts exports one). */
export function createDefineTool<Ctx>() {
  return <I extends z.ZodObject = z.ZodObject<{}>, O extends z.ZodObject | undefined = undefined>(
    def: ToolDefinition<I, O, Ctx>,
  ): ToolDefinition<I, O, Ctx> => def;
}

/** A `defineTool` definition as a tool; name, toolset and default title come from the generator. */
export function fromDefinition<I extends z.ZodObject, O extends z.ZodObject | undefined>(
  def: ToolDefinition<I, O, any>,
  meta: { readonly name: string; readonly toolset: string; readonly title: string },
): ToolDef {
  const access = def.access ?? (def.annotations?.readOnlyHint ? 'read' : 'write');
  const title = def.title ?? meta.title;
  return {
    name: meta.name,
    toolset: meta.toolset,
    access,
    title,
    description: def.description,
    input: def.input ?? z.strictObject({}),
    ...(def.output ? { output: def.output } : {}),
    annotations: { title, readOnlyHint: access === 'read', ...def.annotations },
    ...(def.content ? { content: def.content } : {}),
    async handler(args, ctx) {
      return structured(await run(() => def.handler(args as z.output<I>, ctx)), false);
    },
  };
}

/** Runs user code, turning a plain Error into a ToolError so its message reaches the client. */
async function run<T>(body: () => T): Promise<Awaited<T>> {
  try {
    return await body();
  } catch (error) {
    throw userFacing(error);
  }
}

const BUILTIN_ERRORS: readonly (new (...args: any[]) => Error)[] = [TypeError, ReferenceError, RangeError, SyntaxError, EvalError, URIError, AggregateError];

export function userFacing(error: unknown): unknown {
  if (error instanceof ToolError || !(error instanceof Error)) return error;
  if (BUILTIN_ERRORS.some((ctor) => error instanceof ctor)) return error; // a bug in the tool
  if (typeof (error as { code?: unknown }).code === 'string' || typeof (error as { code?: unknown }).code === 'number') return error;
  if (/^Prisma/.test(error.name) || /^Prisma/.test(error.constructor.name)) return error;
  return new ToolError(error.message, { cause: error });
}

function structured(value: unknown, wrap: boolean): Record<string, unknown> {
  if (wrap) return { result: value === undefined ? null : value };
  if (value === undefined) return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) {
    return value as Record<string, unknown>;
  }
  return { result: value };
}
