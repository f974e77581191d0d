// OpenTelemetry spans for tool calls and their database work, through `@opentelemetry/api` only.
// The package is optional: without it, or without an SDK registered by the app, nothing is
// recorded and Prisma queries pass straight through. Span attributes name things (tool, toolset,
// operation, model, outcome) and never carry argument values or rows.
//
//   tools/call update_blog_post (SERVER) → $transaction (CLIENT) → findFirst blogPost, update blogPost
//
// Database spans find their tool span through AsyncLocalStorage, so the Prisma client is wrapped
// once (traceDb) and needs no OpenTelemetry context manager to nest correctly.
import { AsyncLocalStorage } from 'node:async_hooks';

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
const SCOPE = 'mcp-gen';

// A variable specifier: TypeScript and bundlers do not insist the optional package is installed.
const OTEL_PACKAGE = '@opentelemetry/api';
let api: OtelApi | null | undefined;
let loading: Promise<OtelApi | null> | undefined;

/** `@opentelemetry/api`, loaded once; null when the app does not have it. */
export function otel(): Promise<OtelApi | null> {
  // Left to Node at run time, not bundled: Next.js (webpack, Turbopack) would otherwise replace it with a stub.
  loading ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ OTEL_PACKAGE).then(
    (mod: OtelApi & { default?: OtelApi }) => (api = mod.trace ? mod : (mod.default ?? null)),
    () => (api = null),
  );
  return loading;
}

/** The span that database work belongs to: set while a recorded tool span runs its handler. */
const current = new AsyncLocalStorage<{ readonly api: OtelApi; readonly context: OtelContext }>();

/** One open span. */
export interface ActiveSpan {
  /** The trace id, when an SDK records this span (for audit records and logs). */
  readonly traceId: string | undefined;
  setAttribute(key: string, value: string | number | boolean): void;
  /** Marks the span failed; `type` is a short class (`tool_error`, a Prisma code), never a message. */
  fail(type: string): void;
  end(): void;
  /** Runs `fn` with this span as the parent of database spans and of spans your code opens. */
  run<T>(fn: () => T): T;
}

const NOOP: ActiveSpan = { traceId: undefined, setAttribute() {}, fail() {}, end() {}, run: (fn) => fn() };

function open(otelApi: OtelApi, name: string, kind: number, attributes: Attributes, parent: OtelContext): ActiveSpan {
  const span = otelApi.trace.getTracer(SCOPE).startSpan(name, { kind, attributes }, parent);
  // No SDK registered: the span is not recorded, and nothing below it needs to be either.
  if (!span.isRecording()) return NOOP;
  const context = otelApi.trace.setSpan(parent, span);
  return {
    traceId: span.spanContext().traceId,
    setAttribute: (key, value) => void span.setAttribute(key, value),
    fail(type) {
      span.setStatus({ code: STATUS_ERROR });
      span.setAttribute('error.type', type);
    },
    end: () => span.end(),
    run: (fn) => current.run({ api: otelApi, context }, () => otelApi.context.with(context, fn)),
  };
}

/** A SERVER span (a tool call); the no-op span without the API or an SDK. */
export async function startSpan(name: string, attributes: Attributes): Promise<ActiveSpan> {
  const otelApi = api === undefined ? await otel() : api;
  return otelApi ? open(otelApi, name, KIND.server, attributes, otelApi.context.active()) : NOOP;
}

/** Ends `span` when `promise` settles; a failure is classed by its Prisma code or error name. */
function settle<T>(span: ActiveSpan, promise: PromiseLike<T>): Promise<T> {
  return Promise.resolve(promise).then(
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
}

/** A CLIENT span under the running tool span, or undefined outside one. */
function dbSpan(name: string, attributes: Attributes): ActiveSpan | undefined {
  const parent = current.getStore();
  return parent ? open(parent.api, name, KIND.client, attributes, parent.context) : undefined;
}

// Prisma's query promises are lazy (the query runs on `then`) and `$transaction([...])` needs them
// unawaited, so the span opens on the first `then` and everything else passes through untouched.
function lazy(promise: unknown, name: string, attributes: Attributes): unknown {
  if (typeof (promise as PromiseLike<unknown> | null)?.then !== 'function') return promise;
  const parent = current.getStore();
  if (!parent) return promise;
  let settled: Promise<unknown> | undefined;
  const result = () => (settled ??= settle(open(parent.api, name, KIND.client, attributes, parent.context), promise as PromiseLike<unknown>));
  return new Proxy(promise as object, {
    get(target, key) {
      if (key === 'then') return (ok?: (v: unknown) => unknown, ko?: (e: unknown) => unknown) => result().then(ok, ko);
      if (key === 'catch') return (ko?: (e: unknown) => unknown) => result().catch(ko);
      if (key === 'finally') return (fn?: () => void) => result().finally(fn);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function tracedDelegate(delegate: object, model: string): object {
  return new Proxy(delegate, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => lazy(value.apply(target, args), `${key} ${model}`, { 'db.operation.name': key, 'db.collection.name': model });
    },
  });
}

/**
 * `prisma` with a CLIENT span around each model query and interactive transaction made while a
 * tool span runs; outside one (start-up, the key check, no SDK) calls go straight through.
 */
export function traceDb<Db>(prisma: Db): Db {
  if (typeof prisma !== 'object' || prisma === null) return prisma;
  // One proxy per delegate, not one per property read: callers cache per delegate object.
  const delegates = new Map<string, { readonly raw: object; readonly traced: object }>();
  return new Proxy(prisma as object, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key === '$transaction' && typeof value === 'function') {
        return (first: unknown, ...rest: unknown[]) => {
          const span = typeof first === 'function' ? dbSpan('$transaction', { 'db.operation.name': '$transaction' }) : undefined;
          if (!span) return value.call(target, first, ...rest);
          const run = first as (tx: unknown) => unknown;
          // Queries on `tx` are children of the transaction's span.
          return settle(span, value.call(target, (tx: unknown) => span.run(() => run(traceDb(tx))), ...rest));
        };
      }
      if (typeof key === 'string' && !key.startsWith('$') && !key.startsWith('_') && typeof value === 'object' && value !== null) {
        let entry = delegates.get(key);
        if (entry?.raw !== value) delegates.set(key, (entry = { raw: value, traced: tracedDelegate(value, key) }));
        return entry.traced;
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Db;
}
