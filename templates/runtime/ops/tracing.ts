// OpenTelemetry spans for tool calls and their database work, through `@opentelemetry/api` only.
// The package is optional: without it, or without an SDK registered by the app, every function
// here is a no-op and the Prisma client is used untouched. Span attributes name things (tool,
// toolset, model, operation, outcome) and never carry argument values or rows.
//
// Spans: `tools/call <tool>` (kind SERVER) → `$transaction` → `<operation> <delegate>` (CLIENT),
// e.g. `tools/call update_blog_post` → `$transaction` → `findFirst blogPost`, `update blogPost`.

/** The part of `@opentelemetry/api` used here (declared locally: the package is optional). */
interface OtelSpan {
  setAttribute(key: string, value: string | number | boolean): unknown;
  setStatus(status: { code: number }): unknown;
  spanContext(): { traceId: string };
  isRecording(): boolean;
  end(): void;
}
type OtelContext = object;
interface OtelApi {
  trace: {
    getTracer(name: string, version?: string): { startSpan(name: string, options: { kind: number; attributes?: Attributes }, context?: OtelContext): OtelSpan };
    setSpan(context: OtelContext, span: OtelSpan): OtelContext;
  };
  context: { active(): OtelContext; with<T>(context: OtelContext, fn: () => T): T };
}

export type Attributes = Record<string, string | number | boolean>;

const KIND = { server: 1, client: 2 } as const;
const STATUS_ERROR = 2;

// A variable specifier: TypeScript and bundlers do not insist the optional package is installed.
const OTEL_PACKAGE = '@opentelemetry/api';
let loading: Promise<OtelApi | null> | undefined;

/** `@opentelemetry/api`, loaded once; null when the app does not have it. */
export function otel(): Promise<OtelApi | null> {
  loading ??= import(OTEL_PACKAGE).then(
    (mod: OtelApi & { default?: OtelApi }) => (mod.trace ? mod : mod.default ?? null),
    () => null,
  );
  return loading;
}

/** One open span and the context that makes it the parent of what runs inside. */
export interface ActiveSpan {
  /** The trace id, when an SDK records this span (for audit records and logs). */
  readonly traceId: string | undefined;
  setAttribute(key: string, value: string | number | boolean): void;
  /** Marks the span failed; `type` is a short class (`tool_error`), never a message. */
  fail(type: string): void;
  end(): void;
  /** Runs `fn` with this span active, so spans the code opens (yours, Prisma's) nest under it. */
  run<T>(fn: () => T): T;
  /** `prisma` with a CLIENT span around each query and transaction, children of this span. */
  traceDb<Db>(prisma: Db): Db;
}

const NOOP: ActiveSpan = {
  traceId: undefined,
  setAttribute() {},
  fail() {},
  end() {},
  run: (fn) => fn(),
  traceDb: (prisma) => prisma,
};

export interface Tracing {
  startSpan(name: string, attributes: Attributes): ActiveSpan;
}

/** A tracer for the server (the instrumentation scope `mcp-gen`); the no-op one without the API. */
export async function createTracing(version: string): Promise<Tracing> {
  const api = await otel();
  if (!api) return { startSpan: () => NOOP };
  const tracer = api.trace.getTracer('mcp-gen', version);

  const open = (name: string, kind: number, attributes: Attributes, parent: OtelContext): ActiveSpan => {
    const span = tracer.startSpan(name, { kind, attributes }, parent);
    // No SDK registered: spans are not recorded, so the client is not wrapped either.
    if (!span.isRecording()) return NOOP;
    const ctx = api.trace.setSpan(parent, span);
    return {
      traceId: span.spanContext().traceId,
      setAttribute: (key, value) => void span.setAttribute(key, value),
      fail(type) {
        span.setStatus({ code: STATUS_ERROR });
        span.setAttribute('error.type', type);
      },
      end: () => span.end(),
      run: (fn) => api.context.with(ctx, fn),
      traceDb: (prisma) => tracedClient(prisma, ctx),
    };
  };

  /** A CLIENT span around one settled promise; `error.type` is the error's name or Prisma code. */
  const settle = <T>(span: ActiveSpan, promise: PromiseLike<T>): Promise<T> =>
    Promise.resolve(promise).then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        const code = (error as { code?: unknown } | null)?.code;
        span.fail(typeof code === 'string' ? code : error instanceof Error ? error.name : 'error');
        span.end();
        throw error;
      },
    );

  // Prisma's query promises are lazy (the query runs on `then`) and `$transaction([...])` needs
  // them unawaited, so the span opens on `then` and everything else passes through.
  const lazy = (promise: unknown, start: () => ActiveSpan): unknown => {
    if (typeof (promise as PromiseLike<unknown> | null)?.then !== 'function') return promise;
    let settled: Promise<unknown> | undefined;
    const result = () => (settled ??= settle(start(), promise as PromiseLike<unknown>));
    return new Proxy(promise as object, {
      get(target, key) {
        if (key === 'then') return (ok?: (v: unknown) => unknown, ko?: (e: unknown) => unknown) => result().then(ok, ko);
        if (key === 'catch') return (ko?: (e: unknown) => unknown) => result().catch(ko);
        if (key === 'finally') return (fn?: () => void) => result().finally(fn);
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };

  const tracedDelegate = (delegate: object, name: string, parent: OtelContext): object =>
    new Proxy(delegate, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (typeof value !== 'function' || typeof key !== 'string') return value;
        return (...args: unknown[]) =>
          lazy(value.apply(target, args), () => open(`${key} ${name}`, KIND.client, { 'db.operation.name': key, 'db.collection.name': name }, parent));
      },
    });

  const tracedClient = <Db>(prisma: Db, parent: OtelContext): Db => {
    if (typeof prisma !== 'object' || prisma === null) return prisma;
    return new Proxy(prisma as object, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key === '$transaction' && typeof value === 'function') {
          return (first: unknown, ...rest: unknown[]) => {
            if (typeof first !== 'function') return value.call(target, first, ...rest);
            const span = open('$transaction', KIND.client, { 'db.operation.name': '$transaction' }, parent);
            const run = first as (tx: unknown) => unknown;
            // Queries inside the transaction are children of its span (span.traceDb), not of the tool's.
            return settle(span, value.call(target, (tx: unknown) => span.run(() => run(span === NOOP ? tracedClient(tx, parent) : span.traceDb(tx))), ...rest));
          };
        }
        if (typeof key === 'string' && !key.startsWith('$') && !key.startsWith('_') && typeof value === 'object' && value !== null) {
          return tracedDelegate(value, key, parent);
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Db;
  };

  return {
    startSpan: (name, attributes) => open(name, KIND.server, attributes, api.context.active()),
  };
}
