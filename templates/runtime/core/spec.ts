// Contract between emitted modules and the runtime. Copied verbatim into <output>/runtime/.
import type { ContentBlock } from '@modelcontextprotocol/server';
import type { z } from 'zod';

/** How a value field is stored; drives (de)serialization and which filters exist. */
export type FieldKind =
  | 'String' | 'Int' | 'Float' | 'Boolean' | 'DateTime' | 'BigInt' | 'Decimal' | 'Json' | 'Bytes' | 'Enum';

export interface FieldSpec {
  readonly kind: FieldKind;
  readonly list?: boolean;
  /** May be null (an optional scalar); lists are never null. */
  readonly nullable?: boolean;
  /** kind 'Enum': the enum's name and values. */
  readonly enum?: { readonly name: string; readonly values: readonly [string, ...string[]] };
  /** From the schema's `///` comment. */
  readonly doc?: string;
}

/** What a model allows; per-model tools and compact `query`/`mutate` read the same list. */
export type Operation = 'list' | 'get' | 'count' | 'aggregate' | 'create' | 'update' | 'delete';

export interface RelationSpec {
  /** Target model name (a key of the registry). */
  readonly model: string;
  /** To-many relation. */
  readonly list: boolean;
  /** To-one relation that may be absent (`author User?`): `is: null` is allowed. */
  readonly nullable?: boolean;
}

/** A Prisma `where` object. */
export type Where = Record<string, unknown>;

/** Everything the runtime needs to know about one exposed model. */
export interface ModelSpec<User = unknown> {
  /** Prisma model name, e.g. `BlogPost`. */
  readonly name: string;
  /** Prisma Client property, e.g. `blogPost`. */
  readonly delegate: string;
  /** Exposed value fields (scalars and enums): the only columns ever selected or returned. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Exposed relations: only relations whose target model is exposed too. */
  readonly relations: Readonly<Record<string, RelationSpec>>;
  /** Unique keys made only of exposed fields; the first one orders and pages (cursor). Empty: offset paging. */
  readonly keys: readonly (readonly string[])[];
  /**
   * Prisma Client name of each key in `keys` (same order), e.g. `authorId_title`, or a custom
   * `@@unique(name: ...)`. Absent: the fields joined by `_` (Prisma's default).
   */
  readonly keyNames?: readonly string[];
  /** Rows the caller may see and touch. Absent: every row. */
  readonly scope?: (user: User) => Where;
  /** Values the server sets on create (from equality scopes such as `authorId: '$user.id'`). */
  readonly fixed?: (user: User) => Record<string, unknown>;
  /**
   * The user fields `scope` and `fixed` read (`['id']`). Absent on a scoped model: any of them
   * (a scope function of your own), so its tools get the whole user row.
   */
  readonly userFields?: readonly string[];
  readonly defaultTake: number;
  readonly maxTake: number;
  /** The toolset the model belongs to (scopes `<toolset>:read|write`). */
  readonly toolset?: string;
  /** From the schema's `///` comment on the model. */
  readonly doc?: string;
  /** Operations the config allows. Absent: the read operations. */
  readonly operations?: readonly Operation[];
  /** Fields `create` and `update` accept (a subset of `fields`). */
  readonly writable?: readonly string[];
  /** Writable fields `create` may leave out (defaults, nullable, lists). */
  readonly createOptional?: readonly string[];
  /** String filters take `mode: 'insensitive'` (PostgreSQL, CockroachDB, MongoDB). */
  readonly insensitive?: boolean;
  /**
   * How many relations deep a `where` may reach (`visit: { is: { patient: { is: {...} } } }` is 2).
   * Every level carries its model's scope. Absent: 2.
   */
  readonly relationDepth?: number;
}

/** All exposed models by name; handlers use it to carry scopes across relations. */
export type Registry = Readonly<Record<string, ModelSpec<any>>>;

/** Read tools need the `read` scope (or `<toolset>:read`), write tools `write` (or `<toolset>:write`). */
export type Access = 'read' | 'write';

export interface ToolAnnotations {
  readonly title?: string;
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint?: boolean;
}

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error';

/** What every tool handler receives. */
export interface ToolContext<Db = unknown, User = unknown> {
  /** The caller, from the credential; `null` when the server runs with `auth: 'none'`. */
  readonly user: User | null;
  /** Scopes granted to the caller's key (`['read', 'write']` with `auth: 'none'`). */
  readonly scopes: readonly string[];
  /** The project's Prisma client. */
  readonly prisma: Db;
  /** Sends a progress notification when the client asked for progress; a no-op otherwise. */
  progress(done: number, total?: number, message?: string): Promise<void>;
  /** Sends a log message notification to the client. */
  log(level: LogLevel, message: string): Promise<void>;
  /** Aborted when the client cancels the request. */
  readonly signal: AbortSignal;
}

/** The MCP Apps views (apps/): a table for rows, a chart (with a table fallback) for aggregates. */
export type ViewKind = 'table' | 'chart';

/** What a write touched: the model, the verb and the key values of its rows. */
export interface AuditTarget {
  readonly model?: string;
  /** `create`, `update`, `delete`, or the tool's own verb. */
  readonly action?: string;
  /** Key values of the rows (`42`, or `{ authorId: 1, title: 'x' }` for a composite key). */
  readonly ids?: readonly unknown[];
}

/** One MCP tool: generated CRUD, get_user_info and custom tools all take this shape. */
export interface ToolDef<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly toolset: string;
  readonly access: Access;
  readonly title: string;
  readonly description: string;
  readonly input: I;
  /** Listed instead of `input`'s JSON Schema (a published procedure's own validator); `input` still validates. */
  readonly inputJsonSchema?: Record<string, unknown>;
  readonly output?: O;
  readonly annotations: ToolAnnotations;
  /**
   * Tools that serve several toolsets (compact `query`/`mutate`): listed when the caller may use
   * any of them. Absent: `toolset` alone.
   */
  readonly toolsets?: readonly string[];
  /**
   * The access a call needs, from its arguments (compact `query` on model M needs read on M's
   * toolset). The HTTP layer calls it to answer 403 before the tool runs; undefined when the
   * arguments name no model (the handler then refuses with a tool error).
   */
  gate?(args: unknown): { readonly access: Access; readonly toolset: string } | undefined;
  /** The result's text content (default: its JSON). describe_models answers in plain text. */
  text?(result: Readonly<Record<string, unknown>>): string;
  /**
   * The result's content blocks, when text alone does not carry it (an image, audio, an embedded
   * resource). Absent: one text block (`text`, else the JSON). The structured result is sent too.
   */
  content?(result: Readonly<Record<string, unknown>>): ContentBlock[];
  /**
   * Writes: what a call touched, for its audit record (ops/audit.ts). `value` is the handler's
   * result, absent when the call failed. Absent: the record names the tool only.
   */
  readonly audit?: (args: unknown, value: unknown) => AuditTarget;
  /**
   * Which user fields the handler reads from `ctx.user`: `'scopes'` for tools that read it only
   * through model scopes (generated model tools, compact mode), resolved against the registry.
   * Absent: the whole user row (get_user_info, custom tools). A credential that knows only the
   * user's id (an API key) loads the rest only for calls that need it.
   */
  readonly userFields?: readonly string[] | 'scopes';
  /**
   * MCP Apps (apps/): the view that renders this tool's results, listed as `_meta.ui.resourceUri`.
   * Absent: no view (text-only, as before).
   */
  readonly view?: ViewKind;
  /** MCP Apps: who may call the tool. `['app']`: only views, never the model. Absent: both. */
  readonly visibility?: readonly ('model' | 'app')[];
  /**
   * View-only facts for the result's `_meta` (column types, how to ask for another page): what the
   * view needs to render the result, never seen by the model. Absent: none.
   */
  viewMeta?(args: unknown, result: Readonly<Record<string, unknown>>): object | undefined;
  /** Returns the structured result; the runtime adds the text copy and serializes values. */
  handler(args: z.output<I>, ctx: ToolContext<any, any> & { readonly models: Registry; readonly invoke?: InvokeTool }): Promise<z.input<O>>;
}

/** What a tool run from inside another one answered: its structured result, or its error text. */
export type InvokeResult = { readonly ok: true; readonly value: Readonly<Record<string, unknown>> } | { readonly ok: false; readonly message: string };

/**
 * Runs `tool` for the same caller from inside a handler (code mode's `db` calls): its argument
 * check, the tool-call hooks (rate limits, audit, spans) and its handler, like a tools/call of its
 * own. `prisma` replaces the client (a held transaction); a write's audit record waits for
 * `committed` and says `rolled_back` when it resolves false.
 */
export type InvokeTool = (tool: ToolDef, args: unknown, options?: { readonly prisma?: unknown; readonly committed?: Promise<boolean> }) => Promise<InvokeResult>;
