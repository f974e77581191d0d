/**
 * Issue 21 item 9: `npm run demo` (scripts/demo.ts) in a scratch folder, for real: init, generate,
 * Prisma client, SQLite, seed, a key, the server, and the SDK v2 client (--smoke). It prints its knobs;
 * --mode compact serves describe_models/query; the config hides internalNotes as the blog fixture's
 * own config does; a rerun keeps the user's edits (and applies them); a rerun asking for options the
 * project does not have refuses and names --fresh instead of wiping.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeScratch, scratchRoot } from '../helpers/scratch.js';
import { repoBin, repoRoot } from '../helpers/repo.js';
import { run } from '../helpers/run.js';

const dir = path.join(scratchRoot, `demo-${randomBytes(4).toString('hex')}`);
const demo = (...args: string[]) => run(repoBin('.bin/tsx'), ['scripts/demo.ts', '--dir', dir, ...args], { cwd: repoRoot, env: { ...process.env, PORT: '0' } });
const toolsListed = (output: string) => /^tools\/list: \d+ tools: (.*)$/m.exec(output)?.[1]?.split(', ') ?? [];

afterAll(async () => {
  await removeScratch(dir);
});

describe('npm run demo', () => {
  it('--help lists PORT, --smoke, --oauth, --mode compact and --fresh', async () => {
    const r = await run(repoBin('.bin/tsx'), ['scripts/demo.ts', '--help'], { cwd: repoRoot });
    expect(r.code).toBe(0);
    for (const knob of ['PORT=3001 npm run demo', '-- --smoke', '-- --oauth', '-- --mode compact', '-- --fresh']) expect(r.output).toContain(knob);
  });

  it('--smoke --mode compact: a compact server, internalNotes hidden, the knobs printed', async () => {
    const r = await demo('--smoke', '--mode', 'compact');
    expect(r.code, r.output).toBe(0);
    expect(toolsListed(r.output).sort()).toEqual(['describe_models', 'get_user_info', 'query', 'greet', 'view_rows'].sort());
    expect(r.output).toMatch(/^query BlogPost\.findMany → \{"items":\[\{"slug":/m);
    expect(r.output).toContain('-- --mode compact');
    const config = await fs.readFile(path.join(dir, 'mcp-gen.config.ts'), 'utf8');
    expect(config).toMatch(/^ {2}mode: 'compact',$/m);
    expect(config).toMatch(/^ {8}BlogPost: \{ fields: \{ exclude: \['internalNotes'\] \} \},$/m);
  }, 600_000);

  it('a rerun keeps the edits to the project and applies them; the data stays', async () => {
    const configFile = path.join(dir, 'mcp-gen.config.ts');
    const edited = (await fs.readFile(configFile, 'utf8')).replace("  mode: 'compact',\n", '  // my edit: back to full mode\n');
    await fs.writeFile(configFile, edited);
    const r = await demo('--smoke');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('exists: keeping your edits');
    expect(r.output).not.toContain('and the seed');
    expect(await fs.readFile(configFile, 'utf8')).toBe(edited);
    const tools = toolsListed(r.output);
    expect(tools).toContain('list_blog_posts');
    expect(tools).not.toContain('query');
    expect(r.output).toMatch(/^list_blog_posts → \{"items":\[\{"slug":/m);
  }, 600_000);

  it('a rerun asking for what the project lacks refuses, naming --fresh, and changes nothing', async () => {
    const before = await fs.readFile(path.join(dir, 'mcp-gen.config.ts'), 'utf8');
    const r = await demo('--oauth', '--mode', 'compact');
    expect(r.code).toBe(1);
    expect(r.output).toContain('does not match --oauth (it has no OAuth), --mode compact (its config is in full mode)');
    expect(r.output).toContain('npm run demo -- --fresh');
    expect(await fs.readFile(path.join(dir, 'mcp-gen.config.ts'), 'utf8')).toBe(before);
  });
});
