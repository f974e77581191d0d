/** What discovery finds in a tRPC router, and what the emitter needs per published procedure. */

export type ProcedureType = 'query' | 'mutation' | 'subscription';

export interface FoundProcedure {
  /** Dotted path, e.g. `post.byId`. */
  readonly path: string;
  readonly type: ProcedureType;
  /** Project-relative file and line of the procedure's definition (its key in the router). */
  readonly file: string;
  readonly line: number;
  /** From `.meta({ description: '…' })` (a literal), else the JSDoc above the key. */
  readonly description?: string;
  /** zod code of the tool input: a `z.strictObject(...)`; undefined when it could not be derived. */
  readonly input?: string;
  /** Why the input could not be derived (an argument path and reason). */
  readonly inputProblem?: string;
  /** The procedure takes no input: it is called without an argument. */
  readonly noInput: boolean;
  /** The procedure takes a non-object: the tool's `input` argument carries it. */
  readonly inputKey?: 'input';
  /** zod code of the output (`z.object(...)`) when the output type can be expressed. */
  readonly output?: string;
  /** The output is `{ result }` (a non-object result). */
  readonly wrap: boolean;
  /** The output is an array of plain objects: rows the MCP Apps table view can show. */
  readonly rows?: boolean;
}

export interface PublishedProcedure extends FoundProcedure {
  readonly toolName: string;
  readonly toolset: string;
}
