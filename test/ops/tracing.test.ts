// Tracing over the real Prisma client (SQLite): nothing recorded and nothing wrapped without an
// SDK; with one, a tool span with its transaction and query spans, named without argument values.
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSpan, traceDb } from '../../templates/runtime/ops/tracing.js';
import { createBlogDb, seedBlog, type BlogDb } from '../runtime/blog-db.js';

let db: BlogDb;
const SECRET_TITLE = 'Quarterly numbers 7f3a';

beforeAll(async () => {
  db = await createBlogDb('tracing');
  await seedBlog(db.prisma);
});
afterAll(async () => {
  trace.disable();
  await db?.cleanup();
});

describe('without an SDK', () => {
  it('records nothing and leaves queries alone', async () => {
    const span = await startSpan('tools/call list_blog_posts', { 'gen_ai.tool.name': 'list_blog_posts' });
    expect(span.traceId).toBeUndefined();
    const traced = traceDb(db.prisma);
    const rows = await span.run(() => traced.blogPost.findMany({ where: { published: true }, select: { id: true } }));
    expect(rows).toEqual(await db.prisma.blogPost.findMany({ where: { published: true }, select: { id: true } }));
    span.end();
  });
});

describe('with an SDK registered', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });

  it('nests transaction and query spans under the tool span, with names and no values', async () => {
    exporter.reset();
    const traced = traceDb(db.prisma);
    const span = await startSpan('tools/call update_blog_post', { 'gen_ai.tool.name': 'update_blog_post' });
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    await span.run(() =>
      traced.$transaction(async (tx: any) => {
        const post = await tx.blogPost.findFirst({ where: { slug: 'post-1' }, select: { id: true } });
        await tx.blogPost.update({ where: { id: post.id }, data: { title: SECRET_TITLE } });
      }),
    );
    span.end();
    const spans = exporter.getFinishedSpans();
    const byName = new Map(spans.map((s) => [s.name, s]));
    expect([...byName.keys()].sort()).toEqual(['$transaction', 'findFirst blogPost', 'tools/call update_blog_post', 'update blogPost']);
    const tool = byName.get('tools/call update_blog_post')!;
    const tx = byName.get('$transaction')!;
    expect(tx.parentSpanContext?.spanId).toBe(tool.spanContext().spanId);
    expect(byName.get('update blogPost')!.parentSpanContext?.spanId).toBe(tx.spanContext().spanId);
    expect(byName.get('update blogPost')!.attributes).toEqual({ 'db.operation.name': 'update', 'db.collection.name': 'blogPost' });
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    expect(JSON.stringify(spans.map((s) => [s.name, s.attributes]))).not.toContain(SECRET_TITLE);
  });

  it('marks a failed query with its Prisma code, and leaves queries outside a tool span untraced', async () => {
    exporter.reset();
    const traced = traceDb(db.prisma);
    await traced.user.findMany({ select: { id: true } });
    expect(exporter.getFinishedSpans()).toEqual([]);
    const span = await startSpan('tools/call create_user', {});
    await expect(span.run(() => traced.user.create({ data: { email: 'alice@example.com', name: 'Dup', passwordHash: 'x' } }))).rejects.toMatchObject({ code: 'P2002' });
    span.end();
    const create = exporter.getFinishedSpans().find((s) => s.name === 'create user')!;
    expect(create.status.code).toBe(2);
    expect(create.attributes['error.type']).toBe('P2002');
  });

  it('keeps the batch form of $transaction working (lazy Prisma promises)', async () => {
    const traced = traceDb(db.prisma);
    const span = await startSpan('tools/call custom', {});
    const [count, first] = await span.run(() => traced.$transaction([traced.blogPost.count(), traced.user.findFirst({ select: { id: true } })]));
    span.end();
    expect(count).toBe(5);
    expect(first).toHaveProperty('id');
  });
});
