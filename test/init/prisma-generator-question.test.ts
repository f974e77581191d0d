// init's `generator mcp` step: asked (default yes), declined by answer or flag, never added twice.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { init } from '../../src/init/index.js';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { mcpGen, REPO } from '../e2e/cli.js';

const SCHEMA = 'prisma/schema.prisma';
const BLOCK = 'generator mcp {\n  provider = "mcp-gen"\n}';
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeScratch(dir);
});

async function blogProject(): Promise<string> {
  const dir = await createScratchProject('init-generator');
  dirs.push(dir);
  await fs.cp(path.join(REPO, 'fixtures/blog/prisma'), path.join(dir, 'prisma'), { recursive: true });
  return dir;
}

describe('init and the generator block', () => {
  it('asks; "no" leaves the schema without it', async () => {
    const dir = await blogProject();
    const before = await fs.readFile(path.join(dir, SCHEMA), 'utf8');
    const questions: string[] = [];
    const lines: string[] = [];
    await init({
      root: dir,
      auth: 'none',
      install: false,
      ask: async (question, fallback) => {
        questions.push(`${question} [${fallback}]`);
        return question.startsWith('Regenerate the MCP server') ? 'no' : fallback;
      },
      log: (line) => lines.push(line),
    });
    expect(questions).toContain('Regenerate the MCP server on every `prisma generate` (adds a generator block to the schema)? [yes]');
    expect(await fs.readFile(path.join(dir, SCHEMA), 'utf8')).toBe(before);
    expect(lines).toContain('  npx prisma generate');
  }, 60_000);

  it('--no-prisma-generator leaves it out; a second init adds it once and a third keeps it', async () => {
    const dir = await blogProject();
    const before = await fs.readFile(path.join(dir, SCHEMA), 'utf8');
    const declined = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none', '--no-prisma-generator'], dir);
    expect(declined.code, declined.stderr).toBe(0);
    expect(await fs.readFile(path.join(dir, SCHEMA), 'utf8')).toBe(before);

    const added = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
    expect(added.code, added.stderr).toBe(0);
    const after = await fs.readFile(path.join(dir, SCHEMA), 'utf8');
    expect(after.split(BLOCK)).toHaveLength(2);
    expect(after.replace(`\n${BLOCK}\n`, '')).toBe(before);

    const kept = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
    expect(kept.stdout).toContain(`generator mcp (${SCHEMA}:`);
    expect(kept.stdout).toContain('runs mcp-gen already; schema left unchanged.');
    expect(await fs.readFile(path.join(dir, SCHEMA), 'utf8')).toBe(after);
  }, 90_000);
});
