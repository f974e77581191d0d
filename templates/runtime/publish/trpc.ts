// Published tRPC procedures: each becomes a ToolDef that calls the procedure in-process through the
// router's server-side caller (`router.createCaller`), with the context your `createContext`
// builds from the MCP caller. The app's own middleware (`protectedProcedure`, role checks) and input
// validator run exactly as for a web request; mcp-gen adds nothing in between.
//
// This file imports nothing from `@trpc/server`: the router is described structurally, so the
// generated server needs no tRPC version pinned by mcp-gen.
import { z } from 'zod';
import type { Parsed } from '../tools/custom.js';
import type { ToolContext, ToolDef } from '../core/spec.js';
import { procedureError } from './trpc-errors.js';

/** What your `createContext` receives: the MCP caller, as mcp-gen authenticated it. */
export interface PublishContextOptions<User = unknown, Db = unknown> {
  /** The caller's user row; null with `auth: 'none'`. */
  readonly user: User | null;
  readonly scopes: readonly string[];
  readonly prisma: Db;
  /** The HTTP request that carried the call, when the transport passes it on. */
  readonly request: Request | undefined;
}

/** The parts of a tRPC v11 router used here (`_def.procedures` is keyed by dotted path). */
export interface RouterLike {
  readonly _def: { readonly procedures: object };
  createCaller(ctx: never, options?: { signal?: AbortSignal }): unknown;
}

/** What the generator read from the router for one procedure. */
export interface ProcedureToolMeta {
  /** Dotted procedure path, e.g. `post.byId`. */
  readonly path: string;
  readonly name: string;
  readonly toolset: string;
  readonly type: 'query' | 'mutation';
  readonly title: string;
  /** From `.meta({ description })` or the JSDoc; the procedure's runtime meta wins when it has one. */
  readonly description: string;
  /** The procedure takes something other than an object: the tool's one argument `input` carries it. */
  readonly inputKey?: 'input';
  /** Derived from the procedure's output type when it can be expressed. */
  readonly output?: z.ZodObject;
  /** The procedure returns something other than an object: the client gets `{ result: <value> }`. */
  readonly wrap?: boolean;
  /** A query returning rows (an array of objects, as `{ result }`): shown in the MCP Apps table view. */
  readonly view?: boolean;
}

type Caller<R extends RouterLike> = ReturnType<R['createCaller']>;
type RouterContext<R extends RouterLike> = Exclude<Parameters<R['createCaller']>[0], () => unknown>;

interface BuiltProcedure {
  readonly _def?: { readonly inputs?: readonly unknown[]; readonly meta?: { readonly description?: unknown } };
}

/**
 * Binds a router and your context function once; the result turns each procedure into a tool.
 * `call` is typed by the router (`(trpc, args) => trpc.post.byId(args)`), so tsc checks that the
 * generated input schema produces what the procedure accepts.
 */
export function bindRouter<R extends RouterLike, User, Db>(
  router: R,
  createContext: (options: PublishContextOptions<User, Db>) => RouterContext<R> | Promise<RouterContext<R>>,
) {
  return function procedureTool<I extends z.ZodObject>(
    meta: ProcedureToolMeta,
    input: I,
    call: (trpc: Caller<R>, args: NoInfer<Parsed<z.output<I>>>) => Promise<unknown>,
  ): ToolDef {
    const built = (router._def.procedures as Record<string, BuiltProcedure | undefined>)[meta.path];
    const runtimeDescription = built?._def?.meta?.description;
    const listed = validatorJsonSchema(built, meta.inputKey);
    return {
      name: meta.name,
      toolset: meta.toolset,
      access: meta.type === 'query' ? 'read' : 'write',
      title: meta.title,
      description: typeof runtimeDescription === 'string' && runtimeDescription ? runtimeDescription : meta.description,
      input,
      ...(listed ? { inputJsonSchema: listed } : {}),
      ...(meta.output ? { output: meta.output } : {}),
      annotations: { title: meta.title, readOnlyHint: meta.type === 'query', openWorldHint: false },
      // Columns come from the rows themselves: a procedure's result has no model behind it.
      ...(meta.view && meta.type === 'query' ? { view: 'table' as const, viewMeta: () => ({ model: meta.title, shape: 'result', columns: [] }) } : {}),
      async handler(args, ctx) {
        const context = await createContext(contextOptions<User, Db>(ctx));
        const trpc = router.createCaller(context as never, { signal: ctx.signal }) as Caller<R>;
        let value: unknown;
        try {
          value = await call(trpc, args as Parsed<z.output<I>>);
        } catch (error) {
          throw procedureError(error, meta.name, meta.inputKey);
        }
        return structured(value, meta.wrap ?? false);
      },
    };
  };
}

function contextOptions<User, Db>(ctx: ToolContext): PublishContextOptions<User, Db> {
  // `request` is there when the HTTP layer puts it on the tool context.
  const request = (ctx as { readonly request?: Request }).request;
  return { user: ctx.user as User | null, scopes: ctx.scopes, prisma: ctx.prisma as Db, request };
}

/**
 * The procedure's own validator as JSON Schema, when it is one zod (v4) schema: the listing then
 * shows its constraints (lengths, formats, ranges), computed once at server start. Anything else
 * (several `.input()` calls, zod 3, valibot…) is listed from the generated schema instead.
 */
function validatorJsonSchema(built: BuiltProcedure | undefined, inputKey: 'input' | undefined): Record<string, unknown> | undefined {
  const inputs = built?._def?.inputs ?? [];
  if (inputs.length !== 1 || !(inputs[0] instanceof z.ZodType)) return undefined;
  const schema = inputs[0];
  if (!inputKey && !(schema instanceof z.ZodObject)) return undefined;
  try {
    const json = z.toJSONSchema(inputKey ? z.strictObject({ input: schema }) : schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
    return json as Record<string, unknown>;
  } catch {
    return undefined; // e.g. a refinement zod cannot describe: the generated schema is listed
  }
}

function structured(value: unknown, wrap: boolean): Record<string, unknown> {
  if (wrap) return { result: value === undefined ? null : value };
  if (value === undefined) return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) return value as Record<string, unknown>;
  return { result: value };
}
