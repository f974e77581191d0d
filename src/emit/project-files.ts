/** The generated files that tie the models together: enums, registry, tools, context, index. */
import type { ImportExtension, Plan } from '../plan/types.js';
import type { ValueField } from '../ir/types.js';
import { jsDoc, objectLiteral, relativeImport, str, strList, type GeneratedFile } from './ts.js';
import { importBlock, type ImportSpec } from './imports.js';
import { specName, toolsName } from './model-tools.js';
import { userModuleImport } from './scope.js';
import { fieldDesc } from './zod.js';
import { emitOAuthWiring } from './oauth.js';
import { CUSTOM_TOOLS_EXPORT, CUSTOM_TOOLS_FILE } from '../custom-tools/emit.js';
import { PUBLISHED_TOOLS_EXPORT, PUBLISHED_TOOLS_FILE } from '../publish/trpc/emit.js';
import { emitOps } from './ops.js';
import { needsViews } from './apps.js';
import { delegateName } from '../plan/names.js';

export function emitEnums(plan: Plan): GeneratedFile {
  const body = plan.enums
    .map((e) => `${jsDoc(e.doc)}export const ${e.name} = ${strList(e.values)} as const;\nexport type ${e.name} = (typeof ${e.name})[number];\n`)
    .join('\n');
  return { path: 'enums.ts', content: `${jsDoc('Enums used by exposed fields.')}${body || 'export {};\n'}` };
}

export function emitRegistry(plan: Plan): GeneratedFile {
  const path = 'registry.ts';
  const imports: ImportSpec[] = [
    { from: 'runtime/core/spec.ts', names: ['Registry'], typeOnly: true },
    { from: 'runtime/data/validators.ts', names: ['defineRegistry'] },
    ...plan.models.map((m) => ({ from: `models/${m.fileName}.ts`, names: [specName(m)] })),
  ];
  const entries = plan.models.map((m) => [m.model.name, specName(m)] as const);
  return {
    path,
    content: `${jsDoc('Every exposed model, by name: handlers use it to carry scopes across relations.')}${importBlock(path, imports, plan.importExtension)}\nexport const models: Registry = defineRegistry(${objectLiteral(entries)});\n`,
  };
}

/** `extra`: the files from other emitters; custom tools are listed when `custom-tools.ts` is among them. */
export function emitTools(plan: Plan, extra: readonly GeneratedFile[] = []): GeneratedFile {
  const path = 'tools.ts';
  const full = plan.models.filter((m) => m.mode === 'full');
  const compact = plan.models.filter((m) => m.mode === 'compact');
  const imports: ImportSpec[] = [
    { from: 'runtime/core/spec.ts', names: ['ToolDef'], typeOnly: true },
    ...full.map((m) => ({ from: `models/${m.fileName}.ts`, names: [toolsName(m)] })),
  ];
  const lists = full.map((m) => `  ...${toolsName(m)},`);
  if (compact.length > 0) {
    imports.push({ from: 'runtime/tools/compact/tools.ts', names: ['compactTools'] }, { from: 'registry.ts', names: ['models'] });
    const viewed = [...new Set(compact.filter((m) => m.apps).map((m) => m.toolset))].sort();
    lists.push(`  ...compactTools(models, ${strList(compact.map((m) => m.model.name))}${viewed.length ? `, { views: ${strList(viewed)} }` : ''}),`);
  }
  if (extra.some((f) => f.path === CUSTOM_TOOLS_FILE)) {
    imports.push({ from: CUSTOM_TOOLS_FILE, names: [CUSTOM_TOOLS_EXPORT] });
    lists.push(`  ...${CUSTOM_TOOLS_EXPORT},`);
  }
  if (extra.some((f) => f.path === PUBLISHED_TOOLS_FILE)) {
    imports.push({ from: PUBLISHED_TOOLS_FILE, names: [PUBLISHED_TOOLS_EXPORT] });
    lists.push(`  ...${PUBLISHED_TOOLS_EXPORT},`);
  }
  if (plan.auth.kind === 'apiKeys') {
    imports.push({ from: 'user-info.ts', names: ['getUserInfo'] });
    lists.unshift('  getUserInfo,');
  }
  // Tools build their validators from the registry: make sure it is linked whoever imports this file.
  const linkRegistry = compact.length > 0 ? '' : `import '${relativeImport(path, 'registry.ts', plan.importExtension)}';\n`;
  // MCP Apps: the app-only view_rows tool joins when some tool has a view.
  const apps = needsViews(plan);
  if (apps) imports.push({ from: 'runtime/apps/view-rows.ts', names: ['withViewRows'] });
  const [open, close] = apps ? ['withViewRows([', '])'] : ['[', ']'];
  return {
    path,
    content: `${jsDoc('Every tool this server offers, in a stable order.')}${importBlock(path, imports, plan.importExtension)}${linkRegistry}\nexport const tools: readonly ToolDef[] = ${open}\n${lists.join('\n')}\n${close};\n`,
  };
}

const TS_TYPE: Record<string, string> = {
  String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean', DateTime: 'Date',
  BigInt: 'bigint', Decimal: '{ toString(): string }', Json: 'unknown', Bytes: 'Uint8Array',
};

function tsType(f: ValueField): string {
  const base = f.kind === 'enum' ? f.type : TS_TYPE[f.type]!;
  const t = f.isList ? `${base}[]` : base;
  return f.isRequired || f.isList ? t : `${t} | null`;
}

export function emitContext(plan: Plan): GeneratedFile {
  const path = 'context.ts';
  const db = userModuleImport(plan, path, plan.dbModule);
  const user = plan.auth.user;
  const fields = user ? uniqueFields([user.idField, ...user.info]) : [];
  const enumNames = [...new Set(fields.filter((f) => f.kind === 'enum').map((f) => f.type))].sort();
  const imports: ImportSpec[] = [
    { from: 'runtime/core/spec.ts', names: ['ToolContext as BaseToolContext'], typeOnly: true },
    { from: 'runtime/tools/custom.ts', names: ['createDefineTool'] },
    { from: db, names: ['prisma'], typeOnly: true },
    ...(enumNames.length ? [{ from: 'enums.ts', names: enumNames, typeOnly: true }] : []),
  ];
  const userDecl = user
    ? `${jsDoc(`The caller: the ${user.model} the API key belongs to (fields from auth.user.info).`)}export interface CurrentUser {\n${fields.map((f) => `  ${f.name}: ${tsType(f)};`).join('\n')}\n}\n`
    : `${jsDoc("auth: 'none' — there is no caller identity.")}export type CurrentUser = never;\n`;
  const content = `${jsDoc('Types for tool handlers, including your own tools.')}${importBlock(path, imports, plan.importExtension)}
/** The project's Prisma client (from ${plan.dbModule}). */
export type Db = typeof prisma;

${userDecl}
/** What a tool handler receives: ctx.user, ctx.scopes, ctx.prisma, ctx.progress, ctx.log, ctx.signal. */
export type ToolContext = BaseToolContext<Db, CurrentUser>;

/**
 * A zod-first tool for your tools folder: \`export const refundOrder = defineTool({ description,
 * input: z.object({...}), handler: async (input, ctx) => ... })\`.
 */
export const defineTool = createDefineTool<ToolContext>();
`;
  return { path, content };
}

function uniqueFields(fields: readonly ValueField[]): ValueField[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.name) && seen.add(f.name));
}

export function emitUserInfo(plan: Plan): GeneratedFile | undefined {
  const user = plan.auth.user;
  if (!user) return undefined;
  const path = 'user-info.ts';
  const fields = uniqueFields([user.idField, ...user.info]);
  const enumNames = [...new Set(fields.filter((f) => f.kind === 'enum').map((f) => f.type))].sort();
  const imports: ImportSpec[] = [
    { from: 'runtime/data/filters.ts', names: ['* as f'] },
    { from: 'runtime/tools/model-tools.ts', names: ['userInfoTool'] },
    ...(enumNames.length ? [{ from: 'enums.ts', names: enumNames }] : []),
  ];
  const row = objectLiteral(fields.map((f) => [f.name, fieldDesc(f)]));
  return {
    path,
    content: `${jsDoc('get_user_info: who the caller is, from the API key (takes no arguments).')}${importBlock(path, imports, plan.importExtension)}
export const getUserInfo = userInfoTool({
  model: ${str(user.model)},
  fields: { ${fields.map((f) => `${f.name}: { kind: ${str(f.kind === 'enum' ? 'Enum' : f.type)} }`).join(', ')} },
  output: f.record(${row}),
});
`,
  };
}

/** What index.ts passes on from the files it sits on. */
const RE_EXPORTS: readonly (readonly [string, string])[] = [
  ['export { models }', 'registry.ts'],
  ['export { serverInfo }', 'server-info.ts'],
  ['export { tools }', 'tools.ts'],
  ['export type { CurrentUser, Db, ToolContext }', 'context.ts'],
  ['export type { Caller, Verifier }', 'runtime/core/caller.ts'],
  ['export type { McpHandler, RequestHooks, RequestInfo, Route }', 'runtime/http/handler.ts'],
  ['export type { RunningServer }', 'runtime/adapters/node.ts'],
  ['export type { ToolCall, ToolCallHook }', 'runtime/mcp/server.ts'],
];

function reExports(path: string, ext: ImportExtension): string {
  return RE_EXPORTS.map(([clause, file]) => `${clause} from '${relativeImport(path, file, ext)}';`).join('\n');
}

export function emitIndex(plan: Plan): GeneratedFile {
  const path = 'index.ts';
  const apiKeys = plan.auth.kind === 'apiKeys';
  const imports: ImportSpec[] = [
    { from: 'runtime/core/caller.ts', names: ['Verifier'], typeOnly: true },
    { from: 'runtime/mcp/server.ts', names: ['createToolServer', 'toolAccessMap'] },
    { from: 'runtime/mcp/server.ts', names: ['ToolCallHook'], typeOnly: true },
    { from: 'runtime/http/handler.ts', names: ['createHandler'] },
    { from: 'runtime/http/handler.ts', names: ['HandlerOptions', 'McpHandler'], typeOnly: true },
    { from: 'runtime/adapters/node.ts', names: ['boundHosts', 'listen', 'listenHost'] },
    { from: 'runtime/adapters/node.ts', names: ['NodeServerOptions', 'RunningServer'], typeOnly: true },
    { from: 'runtime/data/db.ts', names: ['databaseReady'] },
    { from: 'registry.ts', names: ['models'] },
    { from: 'tools.ts', names: ['tools'] },
    { from: 'context.ts', names: ['Db'], typeOnly: true },
    { from: 'server-info.ts', names: ['serverInfo'] },
  ];
  const ops = emitOps(plan);
  imports.push(...ops.imports);
  let keyVerifier = '';
  let oauth = emitOAuthWiring(plan, path, '{}');
  if (apiKeys) {
    const user = plan.auth.user!;
    imports.push({ from: 'runtime/auth/keys/verifier.ts', names: ['apiKeyVerifier'] });
    const select = objectLiteral(uniqueFields([user.idField, ...user.info]).map((f) => [f.name, 'true']));
    oauth = emitOAuthWiring(plan, path, select);
    imports.push(...oauth.imports);
    keyVerifier = `
    apiKeyVerifier({
      prisma,
      keyDelegate: ${str(plan.auth.keyModel!.delegate)},${plan.auth.keyModel!.userKey ? `
      userKey: ${str(plan.auth.keyModel!.userKey)},
      userDelegate: ${str(delegateName(user.model))},` : ''}
      userIdField: ${str(user.idField.name)},
      userSelect: ${select},
    }),`;
  }
  const content = `${jsDoc(`The MCP server: \`startServer({ prisma })\` runs it on its own; \`createMcpHandler({ prisma })\` gives a
fetch handler to mount in your app (Next.js, Express, Fastify, Hono).`)}${importBlock(path, imports, plan.importExtension)}
${reExports(path, plan.importExtension)}

export interface McpHandlerOptions extends Omit<HandlerOptions, 'server' | 'tools' | 'verifiers'> {
  /** Your Prisma client (from ${plan.dbModule}). */
  prisma: Db;
  /**
   * Callers recognised before ${apiKeys ? 'API keys' : 'anyone else'}: your app's session, say. A verifier returns a Caller, a
   * Response (refusal), or null (not its kind of credential: the next one is asked).${apiKeys ? '' : `
   * With \`auth: 'none'\` and no verifier, every request is the anonymous caller (loopback only).`}
   * @default []
   */
  authenticate?: Verifier | readonly Verifier[];
  /** Run around every tool call, outermost first, inside the built-in audit and tracing. @default [] */
  toolCallHooks?: readonly ToolCallHook[];
${ops.options}}

${ops.code}
const toolAccess = toolAccessMap(tools, models);

/**
 * The web-standard handler: \`fetch(request)\` serves /mcp, /mcp/<toolset>, /healthz (alive) and /readyz
 * (the database answers) with every
 * check (Host, Origin, authentication, body limit, scopes), protocol 2025-11-25 and 2026-07-28.
 * \`routePaths\` are its extra routes at the site root (OAuth endpoints and metadata, with auth.oauth).
 */
export function createMcpHandler(options: McpHandlerOptions): McpHandler {
  const { prisma, authenticate = [], toolCallHooks = [], hooks = [], limits, audit, tracing, ...http } = options;
  const own: readonly Verifier[] = typeof authenticate === 'function' ? [authenticate] : authenticate;
  const configured = configuredOps(prisma);
  const chosenLimits = limits === undefined ? configured.limits : limits || undefined;
  const chosenAudit = audit === undefined ? configured.audit : audit;${oauth.setup}
  const ops = createOps(tools, {
    ...(chosenLimits ? { limits: chosenLimits } : {}),
    ...(chosenAudit !== undefined ? { audit: chosenAudit } : {}),
    ...(tracing !== undefined ? { tracing } : {}),
    userIdField: ${str(plan.auth.user?.idField.name ?? 'id')},
  });
  const handler = createHandler({
    ready: () => databaseReady(prisma),
    ...http,${oauth.routes}
    hooks: [ops, ...hooks],
    tools: toolAccess,
    icons: serverInfo.icons ?? [],${plan.auth.publicUrl ? `
    publicUrl: process.env['MCP_PUBLIC_URL'] || ${str(plan.auth.publicUrl)},` : ''}
    verifiers: [...own,${oauth.verifiers}${keyVerifier}${oauth.last}
    ],
    // Handlers get the client whose queries become spans of their tool call (a no-op without tracing).
    server: createToolServer({ ...serverInfo, tools, models, prisma: ops.traceDb(prisma), toolCallHooks: [ops.toolCall, ...toolCallHooks] }),
  });
  return {
    routePaths: handler.routePaths,
    fetch: (request, info) => handler.fetch(request, info),
    close: async () => {
      await handler.close();
      await ops.close();
    },
  };
}

export interface StartServerOptions extends McpHandlerOptions, Omit<NodeServerOptions, 'requireLoopback' | 'path' | 'bodyLimit' | 'log'> {}

/** Starts the Streamable HTTP server at /mcp on node:http (stateless; GET /healthz: alive, GET /readyz: the database answers). */
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = listenHost(options.host);
  const handler = createMcpHandler({ ...options, allowedHosts: [...(options.allowedHosts ?? []), ...boundHosts(host)] });
  return listen(handler, { ...options, host, requireLoopback: ${apiKeys ? 'false' : '[options.authenticate ?? []].flat().length === 0'} });
}
`;
  return { path, content };
}
