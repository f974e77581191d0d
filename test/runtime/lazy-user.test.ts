// A credential that knows only the user's id (an API key row holds `userId`): the handler loads the
// whole user row only for calls that read more than the id — get_user_info, custom tools, scopes
// over other user fields — and a user that is gone by then is a 401, with nothing run.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Caller } from '../../templates/runtime/core/caller.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';
import type { ModelSpec, Registry, ToolDef } from '../../templates/runtime/core/spec.js';

const spec = (userFields?: readonly string[]): ModelSpec => ({
  name: 'Note', delegate: 'note', fields: {}, relations: {}, keys: [], defaultTake: 1, maxTake: 1,
  scope: (user) => ({ authorId: (user as { id: number }).id }),
  ...(userFields ? { userFields } : {}),
});

/** A tool returning the user it was given. */
function tool(name: string, userFields?: ToolDef['userFields']): ToolDef {
  return {
    name, toolset: 't', access: 'read', title: name, description: name,
    input: z.strictObject({}), annotations: { readOnlyHint: true },
    ...(userFields !== undefined ? { userFields } : {}),
    handler: async (_args, ctx) => ({ user: ctx.user }) as never,
  };
}

function serve(models: Registry, whole: Record<string, unknown> | null) {
  const tools = [tool('list_notes', 'scopes'), tool('whoami'), tool('describe', [])];
  let loads = 0;
  const caller: Caller = {
    user: { id: 7 }, scopes: ['read'], credential: { kind: 'api-key', id: 'k1' },
    loadUser: async () => {
      loads++;
      return whole;
    },
  };
  const handler = createHandler({
    log: () => {}, tools: toolAccessMap(tools, models), verifiers: [async () => caller],
    server: createToolServer({ name: 't', version: '0', tools, models, prisma: null }),
  });
  const call = async (body: object) => {
    const response = await handler.fetch(new Request('http://127.0.0.1/mcp', {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(body),
    }));
    const text = await response.text();
    const data = text.startsWith('{') ? text : text.split('\n').find((l) => l.startsWith('data:'))!.slice(5);
    return { status: response.status, body: JSON.parse(data) as { result?: { structuredContent?: { user?: unknown }; tools?: unknown[] }; error?: string } };
  };
  const tool_ = (name: string, id = 1) => call({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: {} } });
  return { call, tool: tool_, loads: () => loads, close: () => handler.close() };
}

const ANN = { id: 7, email: 'ann@example.com', name: 'Ann' };

describe('the whole user, only when a call reads it', () => {
  it('a model tool whose scopes read only the id runs with the id: no user query', async () => {
    const s = serve({ Note: spec(['id']) }, ANN);
    const r = await s.tool('list_notes');
    expect(r.status).toBe(200);
    expect(r.body.result?.structuredContent?.user).toEqual({ id: 7 });
    expect((await s.tool('describe')).body.result?.structuredContent?.user).toEqual({ id: 7 });
    expect((await s.call({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} })).body.result?.tools).toHaveLength(3);
    expect(s.loads()).toBe(0);
    await s.close();
  });

  it('get_user_info and custom tools (no userFields) get the whole row, loaded once per request', async () => {
    const s = serve({ Note: spec(['id']) }, ANN);
    expect((await s.tool('whoami')).body.result?.structuredContent?.user).toEqual(ANN);
    expect(s.loads()).toBe(1);
    await s.close();
  });

  it('scopes over another user field, or a scoped model that does not say which, load the row for model tools', async () => {
    for (const models of [{ Note: spec(['id', 'orgId']) }, { Note: spec() }]) {
      const s = serve(models, ANN);
      expect((await s.tool('list_notes')).body.result?.structuredContent?.user).toEqual(ANN);
      expect(s.loads()).toBe(1);
      await s.close();
    }
  });

  it('a user gone since the key was checked: 401 invalid_token, and the tool does not run', async () => {
    const s = serve({ Note: spec(['id']) }, null);
    const r = await s.tool('whoami');
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('invalid_token');
    expect(r.body.result).toBeUndefined();
    // Calls that need only the id still run: the key row proves the user through its foreign key.
    expect((await s.tool('list_notes')).status).toBe(200);
    await s.close();
  });
});
