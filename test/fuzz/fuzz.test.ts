/**
 * Issue 11, part 6 (the CI-sized run): hostile arguments for every tool shape, seeded so a failure
 * replays. The ≥10,000-cases-per-shape run is bench/fuzz.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFuzzTarget, type FuzzTarget } from './target.js';
import { fuzzShapes } from './run.js';

const SEED = 20261201;

describe('fuzz: hostile arguments never crash, leak or write', () => {
  let target: FuzzTarget;
  beforeAll(async () => {
    target = await createFuzzTarget('ci');
  }, 60_000);
  afterAll(async () => {
    await target?.close();
  });

  it('in process: 40 cases per tool shape', async () => {
    const results = await fuzzShapes(target, target.check, { runs: 40, seed: SEED });
    expect(results.map((r) => r.tool)).toEqual(expect.arrayContaining(['list_comments', 'get_comment', 'count_comments', 'aggregate_comments', 'create_comment', 'update_comment', 'delete_comment', 'rename_post', 'describe_models', 'query', 'mutate',
      // compact mode: every query and mutate operation
      'query findMany', 'query findFirst', 'query findUnique', 'query count', 'query aggregate', 'query groupBy', 'mutate create', 'mutate update', 'mutate delete']));
    expect(results.filter((r) => r.failure).map((r) => `${r.tool}: ${r.failure}`)).toEqual([]);
  }, 120_000);

  it('over HTTP: 8 cases per tool shape, and raw hostile bodies never get a 5xx', async () => {
    const http = await target.overHttp();
    try {
      const results = await fuzzShapes(target, http.check, { runs: 8, seed: SEED + 1 });
      expect(results.filter((r) => r.failure).map((r) => `${r.tool}: ${r.failure}`)).toEqual([]);
      const bodies = ['', '{', 'null', '[]', '[1,2]', '{"jsonrpc":"2.0"}', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":null}',
        '{"jsonrpc":"2.0","id":{"__proto__":{"x":1}},"method":"tools/call","params":{"name":{"a":1}}}', '\u0000'.repeat(100), JSON.stringify('x'.repeat(2_000_000))];
      for (const body of bodies) {
        const res = await fetch(http.url, {
          method: 'POST',
          headers: { authorization: 'Bearer alice', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body,
        });
        const text = await res.text();
        expect(res.status, `${body.slice(0, 60)} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(text).not.toMatch(/\n\s+at /);
      }
    } finally {
      await http.close();
    }
  }, 120_000);
});
