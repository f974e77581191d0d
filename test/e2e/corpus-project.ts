// Builds a scratch project around one real-world schema (found by ../helpers/real-world.ts: beside the
// repository in ../shared, or fetched by `npm run corpus:fetch`), shared by the corpus test,
// scripts/corpus.ts and bench/. The schemas are read-only test data: they are copied into the scratch
// folder at run time, never into the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadSchema } from '../../src/parse/index.js';
import type { SchemaIR } from '../../src/ir/types.js';
import { createScratchProject } from '../helpers/scratch.js';
import { CORPUS_MISSING, corpusManifest, corpusOrSkip } from '../helpers/real-world.js';

/** The corpus folder, or undefined when it is absent (tests skip; see ../helpers/real-world.ts). */
export const REAL_WORLD = corpusOrSkip();
export const SCHEMA_PATH = 'prisma/schema.prisma';

/** Names of the real-world schemas (folders holding a schema.prisma), sorted; [] when the corpus is absent. */
export function corpusNames(): string[] {
  if (!REAL_WORLD) return [];
  return readdirSync(REAL_WORLD, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(REAL_WORLD, d.name, 'schema.prisma')))
    .map((d) => d.name)
    .sort();
}

/**
 * For a test that skips without the corpus (`describe.skipIf(!REAL_WORLD)`): the schema names, or,
 * when the corpus is absent, the names fixtures/real-world.json pins, so the skipped cases are listed
 * and counted as in a run with the corpus.
 */
export function corpusNamesOrPinned(): string[] {
  return REAL_WORLD ? corpusNames() : corpusManifest().map((s) => s.name).sort();
}

/** The corpus folder; for scripts and benchmarks, which cannot run without it. */
export function corpusDir(): string {
  if (!REAL_WORLD) throw new Error(CORPUS_MISSING);
  return REAL_WORLD;
}

/** The datasource provider written in a corpus schema (synchronous: test collection needs it). */
export function corpusProvider(name: string): string | undefined {
  if (!REAL_WORLD) return corpusManifest().find((s) => s.name === name)?.provider;
  const text = readFileSync(path.join(corpusDir(), name, 'schema.prisma'), 'utf8');
  return /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"([^"]+)"/.exec(text)?.[1];
}

const CLIENT_GENERATOR = 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}';

/**
 * Prisma 7's driver adapters need the `prisma-client` generator; schemas still on `prisma-client-js`
 * get their generator block replaced (binaryTargets and removed preview features go with it).
 */
export function useClientGenerator(schema: string): string {
  return schema.replace(/generator\s+client\s*\{[^}]*\}/, (block) =>
    /provider\s*=\s*"prisma-client-js"/.test(block) ? CLIENT_GENERATOR : block,
  );
}

/** An mcp-gen config exposing every model of the schema with the default (read-only) operations. */
export function readOnlyConfig(ir: SchemaIR, schema = SCHEMA_PATH): string {
  const models = [...ir.models].map((m) => m.name).sort();
  return [
    "import { defineConfig } from 'mcp-gen';",
    '',
    'export default defineConfig({',
    `  schema: ${JSON.stringify(schema)},`,
    "  output: 'src/mcp/generated',",
    "  auth: 'none',",
    '  toolsets: {',
    '    all: {',
    '      models: {',
    ...models.map((m) => `        ${m}: {},`),
    '      },',
    '    },',
    '  },',
    '});',
    '',
  ].join('\n');
}

export interface CorpusProject {
  dir: string;
  ir: SchemaIR;
  schema: string;
}

/** Scratch project with prisma/schema.prisma and mcp-gen.config.ts; nothing generated yet. */
export async function createCorpusProject(name: string): Promise<CorpusProject> {
  const original = await fs.readFile(path.join(corpusDir(), name, 'schema.prisma'), 'utf8');
  const dir = await createScratchProject(`corpus-${name}`);
  const schema = useClientGenerator(original);
  await fs.mkdir(path.join(dir, 'prisma'), { recursive: true });
  await fs.writeFile(path.join(dir, SCHEMA_PATH), schema);
  const ir = await loadSchema({ root: dir, schema: SCHEMA_PATH });
  await fs.writeFile(path.join(dir, 'mcp-gen.config.ts'), readOnlyConfig(ir));
  await skipExampleTool(dir);
  return { dir, ir, schema };
}

/**
 * `mcp-gen init` adds an example custom tool for its own default toolset unless src/mcp/tools exists;
 * with a config init did not write, that toolset is unknown and generate fails. These projects bring
 * their own config, so they get an empty tools folder.
 */
export async function skipExampleTool(dir: string): Promise<void> {
  await fs.mkdir(path.join(dir, 'src', 'mcp', 'tools'), { recursive: true });
}
