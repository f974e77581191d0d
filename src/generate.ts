/**
 * generate: config + schema → plan → files → disk. The only orchestration of the stages;
 * the CLI maps flags to these options and prints the result.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config/load.js';
import { loadSchema } from './parse/index.js';
import { buildPlan } from './plan/build.js';
import { importStyle } from './config/import-style.js';
import { emit, type GeneratedFile } from './emit/index.js';
import { writeOutput, type WriteResult } from './write/index.js';
import { VERSION } from './version.js';
import type { Plan } from './plan/types.js';
import { customToolCosts, publishedCosts, userInfoTool, type ExtraTool } from './budget/extra.js';
import { customTools, generatedToolNames } from './custom-tools/index.js';
import { publishFiles } from './publish/index.js';
import { readAppInfo, readIcons } from './project-info.js';

export interface GenerateOptions {
  /** Project root (where mcp-gen.config.ts lives). */
  readonly root: string;
  /** Config file, relative to root. */
  readonly config?: string;
  /** Overrides the config's `schema`. */
  readonly schema?: string;
  readonly check?: boolean;
  readonly dryRun?: boolean;
}

export interface GenerateResult extends WriteResult {
  readonly plan: Plan;
  readonly outDir: string;
  readonly notes: readonly string[];
  readonly files: readonly GeneratedFile[];
  /** User-owned files created because they were missing (the publish.trpc createContext scaffold). */
  readonly scaffolded: readonly string[];
  /** get_user_info, custom tools and published procedures, as tools/list serves them (the budget estimate counts them). */
  readonly extraTools: readonly ExtraTool[];
}

const TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));

/** Every .ts file under templates/runtime/ (folders by role), read once per call; keys are `/`-separated paths. */
export async function readRuntimeSources(): Promise<Map<string, string>> {
  const dir = path.join(TEMPLATES, 'runtime');
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await fs.readFile(path.join(dir, n), 'utf8')] as const)));
}

/** Every file under templates/apps/ (the MCP Apps views' shell and scripts): name → text. */
export async function readViewSources(): Promise<Map<string, string>> {
  const dir = path.join(TEMPLATES, 'apps');
  const names = (await fs.readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await fs.readFile(path.join(dir, n), 'utf8')] as const)));
}

/** Config, schema and plan: everything before any file is produced (also used by `keys`). */
export async function loadProject(opts: Pick<GenerateOptions, 'root' | 'config' | 'schema'>) {
  const { config } = await loadConfig(opts.root, opts.config);
  const [ir, app] = await Promise.all([loadSchema({ root: opts.root, schema: opts.schema ?? config.schema }), readAppInfo(opts.root)]);
  const plan = buildPlan(ir, config, app, importStyle(opts.root, config.importFileExtension).ext);
  return { config, ir, plan };
}

export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  const [{ config, ir, plan }, runtime, views] = await Promise.all([loadProject(opts), readRuntimeSources(), readViewSources()]);
  // Custom tools (config `tools.dir`, default src/mcp/tools/): `custom-tools.ts`, or nothing.
  const custom = await customTools({ root: opts.root, dir: config.tools.dir, toolsets: config.toolsets, plan });
  const taken = new Map([...generatedToolNames(plan), ...custom.names]);
  const published = await publishFiles({ root: opts.root, config, plan, taken });
  const icons = await readIcons(opts.root, plan);
  const files = emit({ plan, version: VERSION, runtime, views, extra: [...custom.files, ...published.files], icons });
  const outDir = path.resolve(opts.root, plan.output);
  const result = await writeOutput({ outDir, files, version: VERSION, check: opts.check, dryRun: opts.dryRun });
  const notes = [...new Set([...ir.notes, ...plan.notes, ...published.notes])];
  const scaffolded: string[] = [];
  if (published.scaffold) {
    // A missing user-owned module: created once (`wx` never overwrites), never in check or dry-run mode.
    if (opts.check) result.stale = true;
    else if (!opts.dryRun) {
      const file = path.resolve(opts.root, published.scaffold.path);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, published.scaffold.content, { flag: 'wx' });
    }
    scaffolded.push(published.scaffold.path);
  }
  const userInfo = userInfoTool(plan);
  const extraTools = [...(userInfo ? [userInfo] : []), ...customToolCosts(custom.tools), ...publishedCosts(published.procedures ?? [], published.compact ?? false)];
  return { ...result, plan, outDir, notes, files, scaffolded, extraTools };
}
