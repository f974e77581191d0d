// The baseline for bench/load.ts: a minimal MCP server written by hand with the official SDK, the
// way its documentation shows a stateless Streamable HTTP server. Same Prisma client, same API-key
// check (SHA-256 of the bearer key → key row → user), same queries as the generated list_notes
// and create_note, and nothing else (no row scope re-check, no output validation, no body limit).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const { prisma } = (await import(pathToFileURL(path.join(process.env['PROJECT_DIR']!, 'src/mcp/db.ts')).href)) as { prisma: any };
const select = { id: true, title: true, body: true, authorId: true, createdAt: true };

async function authenticate(header: string | undefined): Promise<{ user: { id: number }; scopes: string[] } | null> {
  const key = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  if (!key) return null;
  const hash = createHash('sha256').update(key).digest('hex');
  const row = await prisma.mcpApiKey.findUnique({ where: { hash }, select: { userId: true, scopes: true, expiresAt: true, revokedAt: true } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
  const user = await prisma.user.findUnique({ where: { id: row.userId }, select: { id: true, email: true, name: true } });
  return user ? { user, scopes: String(row.scopes).split(',') } : null;
}

function build(user: { id: number }, scopes: string[]): McpServer {
  const server = new McpServer({ name: 'handwritten', version: '1.0.0' });
  const result = (value: Record<string, unknown>) => {
    const json = JSON.parse(JSON.stringify(value));
    return { content: [{ type: 'text' as const, text: JSON.stringify(json) }], structuredContent: json };
  };
  server.registerTool('list_notes', { inputSchema: { take: z.number().int().min(1).max(10).optional() } }, async ({ take }) =>
    result({ items: await prisma.note.findMany({ where: { authorId: user.id }, take: take ?? 2, orderBy: { id: 'asc' }, select }) }),
  );
  if (scopes.includes('write')) {
    server.registerTool('create_note', { inputSchema: { data: z.object({ title: z.string(), body: z.string().nullable().optional() }) } }, async ({ data }) =>
      result(await prisma.note.create({ data: { ...data, authorId: user.id }, select })),
    );
  }
  return server;
}

const http = createServer(async (req, res) => {
  if (req.method !== 'POST' || !req.url?.startsWith('/mcp')) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const caller = await authenticate(req.headers.authorization);
  if (!caller) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_token"}');
  const server = build(caller.user, caller.scopes);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, JSON.parse(Buffer.concat(chunks).toString('utf8')));
});
http.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = http.address() as { port: number };
  console.log(`handwritten server listening on http://127.0.0.1:${address.port}/mcp`);
});
