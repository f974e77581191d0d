/**
 * `mcp-gen init`: config, user-owned entry and database module, API key model, package.json
 * dependencies and scripts, install, then generate. Never overwrites a file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadSchema } from '../parse/index.js';
import type { SchemaIR } from '../ir/types.js';
import { addKeyModel, DEFAULT_KEY_MODEL } from './key-model.js';
import { chooseMode } from '../budget/choose.js';
import { estimate } from '../budget/estimate.js';
import { extraToolTokens, userInfoTool } from '../budget/extra.js';
import { validateConfig } from '../config/validate.js';
import { buildPlan } from '../plan/build.js';
import { addOAuthModels } from '../oauth/models.js';
import { addGeneratorBlock } from './generator-block.js';
import { configObject, configView, dbView, EXAMPLE_TOOL, exampleToolView, guessUserModel, packageAdditions, PATHS, serverView } from './view-model.js';
import { detectPackageManager, installCommand, mergePackageJson } from './package-json.js';
import { render } from './render.js';
import { writeNewFiles } from './files.js';
import { readPackageJson, scaffoldMounts } from './mounts.js';
import { CONTEXT_REF, findTrpcRouter, trpcQuestion } from './trpc.js';
import { generate } from '../generate.js';
import { loadConfig } from '../config/load.js';
import { VERSION } from '../version.js';
import { importStyle } from '../config/import-style.js';

export interface InitOptions {
  readonly root: string;
  readonly schema?: string;
  /** 'api-keys' (default when a user model is found), 'oauth' (API keys and the built-in OAuth server) or 'none'. */
  readonly auth?: 'api-keys' | 'oauth' | 'none';
  readonly userModel?: string;
  readonly install: boolean;
  /** Add `generator mcp { provider = "mcp-gen" }` to the schema (asked; default yes). false: never. */
  readonly prismaGenerator?: boolean;
  /** Asks the user; undefined answers every question with its default (--yes, or no TTY). */
  readonly ask?: (question: string, fallback: string) => Promise<string>;
  readonly log: (line: string) => void;
}

/** Versions written into the user's package.json: the ones mcp-gen itself was built and tested with. */
async function knownVersions(): Promise<Record<string, string>> {
  const own = JSON.parse(await fs.readFile(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, Record<string, string>>;
  return { ...own.devDependencies, ...own.dependencies, 'mcp-gen': `^${VERSION}` };
}

async function chooseUserModel(ir: SchemaIR, opts: InitOptions): Promise<string | undefined> {
  if (opts.auth === 'none') return undefined;
  const guess = opts.userModel ?? guessUserModel(ir);
  const answer = opts.ask ? await opts.ask('Which model holds your users? (empty: no API keys, auth: none)', guess ?? '') : guess;
  const name = answer?.trim() || undefined;
  if (name && !ir.models.some((m) => m.name === name)) {
    throw new Error(`mcp-gen init: no model "${name}" in the schema (models: ${ir.models.map((m) => m.name).join(', ')})`);
  }
  if ((opts.auth === 'api-keys' || opts.auth === 'oauth') && !name) throw new Error(`mcp-gen init: --auth ${opts.auth} needs a user model (--user-model <Model>)`);
  return name;
}

export async function init(opts: InitOptions): Promise<number> {
  const { root, log } = opts;
  let ir = await loadSchema({ root, schema: opts.schema });
  const userModel = await chooseUserModel(ir, opts);
  const schemaArg = opts.schema ?? (ir.files.length === 1 ? ir.files[0]! : path.posix.dirname(ir.files[0]!));

  if (userModel) {
    const files = await Promise.all(ir.files.map(async (f) => [f, await fs.readFile(path.join(root, f), 'utf8')] as [string, string]));
    const edit = addKeyModel(files, { userModel, provider: ir.provider, keyModel: DEFAULT_KEY_MODEL });
    for (const [file, content] of edit.files) {
      await fs.writeFile(path.join(root, file), content);
      log(`updated ${file}: added the ${DEFAULT_KEY_MODEL} model`);
    }
    if (edit.files.length > 0) ir = await loadSchema({ root, schema: opts.schema });
    log(edit.note);
    if (opts.auth === 'oauth' && (await addOAuthModelsTo(root, ir, userModel, log))) ir = await loadSchema({ root, schema: opts.schema });
  }

  const hooked = await addPrismaGenerator(root, ir, opts);

  const projectName = await readProjectName(root);
  const oauth = opts.auth === 'oauth' && userModel !== undefined;
  const configExists = await exists(path.join(root, PATHS.config));
  const trpcRouter = await offerTrpc(root, configExists, opts);
  const view = configView(ir, { schema: schemaArg, userModel, keyModel: DEFAULT_KEY_MODEL, oauth, trpcRouter }, projectName);
  // Full mode while its tools/list fits a client's context (the example tool and get_user_info
  // included); compact mode when it would not.
  const plan = buildPlan(ir, validateConfig(configObject(view), PATHS.config));
  const userInfo = userInfoTool(plan);
  const example = (await exists(path.join(root, PATHS.tools))) ? [] : [{ name: EXAMPLE_TOOL.name, toolset: view.toolset, tokens: extraToolTokens(EXAMPLE_TOOL) }];
  const full = estimate(plan, [...(userInfo ? [userInfo] : []), ...example]);
  const choice = chooseMode(full);
  const config = { ...view, mode: choice.mode === 'compact' ? { reason: choice.reason } : undefined };
  // The files init writes import the way the project's tsconfig resolves (as the generated code does).
  const { ext } = importStyle(root, (await loadConfig(root).catch(() => undefined))?.config.importFileExtension);
  const rendered: [string, string][] = [
    [PATHS.config, await render('config.ts.hbs', config)],
    [PATHS.server, await render('server.ts.hbs', { ...serverView(), ext })],
    [PATHS.db, await render('db.ts.hbs', dbView(ir, root, ext))],
    ...(oauth ? [[PATHS.login, await render('login.ts.hbs', { ext })] as [string, string]] : []),
  ];
  const { written, skipped } = await writeNewFiles(root, rendered);
  // The example tool only goes into a project that has no tools folder yet, in a toolset of the
  // config on disk (which may be the user's own, kept above).
  if (!(await exists(path.join(root, PATHS.tools)))) {
    const toolsets = Object.keys((await loadConfig(root)).config.toolsets);
    if (toolsets.length > 0) {
      const example = await writeNewFiles(root, [[`${PATHS.tools}/greet.ts`, await render('example-tool.ts.hbs', { ...exampleToolView(toolsets), ext })]]);
      written.push(...example.written);
    }
  }
  for (const f of written) log(`created ${f}`);
  if (written.includes(PATHS.config)) log(`mode: ${choice.mode} (${choice.reason})`);
  for (const f of skipped) log(`skipped ${f} (exists; left as it is)`);
  const mountNotes = await scaffoldMounts(root, await readPackageJson(root), log, oauth, ext);

  await updatePackageJson(root, ir, log);
  if (opts.install) await runInstall(root, log);
  const result = await generate({ root });
  for (const f of result.scaffolded) log(`created ${f} (createContext for your tRPC procedures: yours to edit)`);
  log(`generated ${result.plan.models.length} models into ${path.relative(root, result.outDir)}`);
  log('');
  log('Next:');
  if (userModel) log(`  npx prisma migrate dev --name mcp_api_keys   # or: npx prisma db push`);
  log(hooked ? '  npx prisma generate   # also regenerates the MCP server from now on' : '  npx prisma generate');
  if (userModel) log(`  npx mcp-gen keys create --user <id or email>`);
  log(`  DATABASE_URL=... npx tsx ${PATHS.server}${mountNotes.length > 0 ? '   # standalone; or mount it in your app:' : ''}`);
  for (const line of mountNotes) log(line);
  if (oauth) log('  then add the server in Claude (Settings → Connectors → Add custom connector) with its public URL + /mcp; set MCP_PUBLIC_URL and MCP_OAUTH_SECRET (openssl rand -base64 32)');
  return 0;
}

/**
 * The `generator mcp` block, asked with default yes: mcp-gen is a devDependency next to prisma, so
 * wherever `prisma generate` runs it can run too, and a server that follows every schema change
 * never serves stale tools. `--no-prisma-generator` declines; an existing block is kept.
 * Returns whether `prisma generate` runs mcp-gen from now on (the block added, or there already).
 */
async function addPrismaGenerator(root: string, ir: SchemaIR, opts: InitOptions): Promise<boolean> {
  const files = await Promise.all(ir.files.map(async (f) => [f, await fs.readFile(path.join(root, f), 'utf8')] as [string, string]));
  const edit = addGeneratorBlock(files);
  if (edit.files.length === 0) {
    opts.log(edit.note);
    return true;
  }
  if (opts.prismaGenerator === false) return false;
  const answer = opts.ask ? await opts.ask('Regenerate the MCP server on every `prisma generate` (adds a generator block to the schema)?', 'yes') : 'yes';
  if (!/^y(es)?$/i.test(answer.trim())) return false;
  for (const [file, content] of edit.files) await fs.writeFile(path.join(root, file), content);
  opts.log(edit.note);
  return true;
}

/**
 * A tRPC router init can find: asked (default yes) whether to publish from it. With a config of the
 * user's already there, init only says what to add. Returns the router reference when agreed.
 */
async function offerTrpc(root: string, configExists: boolean, opts: InitOptions): Promise<string | undefined> {
  const found = await findTrpcRouter(root, await readPackageJson(root));
  if (!found) return undefined;
  if (found.kind === 'not-found') return void opts.log(found.note);
  if (configExists) {
    opts.log(`tRPC router found (${found.router}): to publish its procedures, add publish: { trpc: { router: '${found.router}', createContext: '${CONTEXT_REF}', include: ['post.*'] } } to ${PATHS.config}`);
    return undefined;
  }
  const answer = opts.ask ? await opts.ask(trpcQuestion(found.router), 'yes') : 'yes';
  if (!/^y(es)?$/i.test(answer.trim())) return undefined;
  opts.log(`publish.trpc: ${found.router}; list procedures in publish.trpc.include to publish them (mcp-gen docs/custom-tools-and-trpc.md)`);
  return found.router;
}

/** `--auth oauth`: the built-in authorization server's models, next to the key model. */
async function addOAuthModelsTo(root: string, ir: SchemaIR, userModel: string, log: (line: string) => void): Promise<boolean> {
  const files = await Promise.all(ir.files.map(async (f) => [f, await fs.readFile(path.join(root, f), 'utf8')] as [string, string]));
  const edit = addOAuthModels(files, { userModel, provider: ir.provider });
  for (const [file, content] of edit.files) {
    await fs.writeFile(path.join(root, file), content);
    log(`updated ${file}: added the OAuth models`);
  }
  log(edit.note);
  return edit.files.length > 0;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

async function readProjectName(root: string): Promise<string> {
  try {
    const pkg = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as { name?: string };
    return (pkg.name ?? path.basename(root)).replace(/^@[^/]+\//, '');
  } catch {
    return path.basename(root);
  }
}

async function updatePackageJson(root: string, ir: SchemaIR, log: (l: string) => void) {
  const file = path.join(root, 'package.json');
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`mcp-gen init: cannot read package.json: ${(err as Error).message}`);
    pkg = { name: path.basename(root), private: true, type: 'module' };
  }
  const { json, added } = mergePackageJson(pkg, packageAdditions(ir.provider, await knownVersions()));
  const all = [...added.dependencies, ...added.devDependencies, ...added.scripts.map((s) => `script ${s}`)];
  if (all.length === 0) return;
  await fs.writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  log(`package.json: added ${all.join(', ')}`);
}

async function runInstall(root: string, log: (l: string) => void) {
  const names = new Set(await fs.readdir(root));
  const [cmd, args] = installCommand(detectPackageManager(names));
  log(`running ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`mcp-gen init: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status}); run it yourself, then \`npx mcp-gen generate\``);
}
