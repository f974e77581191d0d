/**
 * Issue 29: the server's identity and generated instructions, from the plan. The text per mode
 * (full, compact, code), the every-mode sentences (scoping, write scope, errors), the user's own
 * instructions replacing or extending them per endpoint, the defaults of name/title/version, and
 * the budget: at most 300 o200k tokens (gpt-tokenizer) on every real-world schema, in every mode,
 * with API keys and writes (the longest variant). The real-world schemas are skipped when absent.
 */
import path from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { textTokens, instructionsReport } from '../../src/budget/instructions.js';
import { validateConfig } from '../../src/config/validate.js';
import { loadSchema } from '../../src/parse/index.js';
import { buildPlan } from '../../src/plan/build.js';
import { PlanError, type Report } from '../../src/plan/errors.js';
import { planServer } from '../../src/plan/server.js';
import { defaultInstructions, INSTRUCTIONS_BUDGET, type InstructionsInput, type InstructionsMode } from '../../src/plan/instructions.js';
import type { Plan } from '../../src/plan/types.js';
import { corpusDir, corpusNames } from '../e2e/corpus-project.js';
import { apiKeys, blog, config } from './ir.js';

const toolsets = {
  blog: { description: 'Posts and comments', models: { BlogPost: { operations: ['list', 'get', 'create', 'update'] as const }, Comment: {} } },
  people: { models: { User: {} } },
};

/** The plan's instructions input with every toolset (and model) in `mode`, and the given auth. */
function input(plan: Plan, mode: InstructionsMode, auth: 'none' | 'apiKeys' = plan.auth.kind): InstructionsInput {
  return {
    title: plan.server.title,
    toolsets: plan.toolsets.map((t) => ({ ...t, mode })),
    models: plan.models.map((m) => ({ ...m, mode: mode as 'full' })),
    auth: { kind: auth },
  };
}

describe('generated instructions', () => {
  const plan = buildPlan(blog, config({ auth: apiKeys, toolsets }), { name: '@acme/blog-app', version: '2.3.4' });

  it('full mode: the toolsets and what they are for, one tool per operation, paging with nextCursor', () => {
    const text = defaultInstructions(input(plan, 'full'));
    expect(text).toMatch(/^blog-app: 3 models in 2 toolsets, each also served alone at <this endpoint>\/<toolset>:\n- blog: Posts and comments \(2 models\)\n- people \(1 model\)\n/);
    expect(text).toContain('Each model has its own tools, one per operation (list, get, count, aggregate, create, update, delete, as the model allows)');
    expect(text).toContain('list_blog_posts and the other list tools return { items, nextCursor, hasMore }: pass nextCursor as cursor for the next page.');
    expect(text).not.toMatch(/describe_models|execute/);
  });

  it('compact mode: describe_models first, then query / mutate in Prisma syntax, paging with nextCursor', () => {
    const text = defaultInstructions(input(plan, 'compact'));
    expect(text).toContain('Start with describe_models (the models you can read); describe_models { models: [...] } gives their fields, relations and filters.');
    expect(text).toContain('Then query { model, operation, args } with args in Prisma Client syntax, and mutate { model, operation, args } to create, update or delete one row.');
    expect(text).toContain('findMany returns { items, nextCursor, hasMore }: pass nextCursor as cursor for the next page.');
    expect(text).not.toMatch(/list_blog_posts|execute/);
  });

  it('code mode: one program with execute over db.<delegate>, writes atomic', () => {
    const text = defaultInstructions(input(plan, 'code'));
    expect(text).toContain('Answer with one program rather than many calls: describe_models { models: [...] } gives TypeScript declarations of db; then execute { code } runs JavaScript or TypeScript');
    expect(text).toContain('(db.blogPost.findMany; also findUnique, count, aggregate, groupBy, create, update, delete)');
    expect(text).toContain('writes commit only if the program finishes');
    expect(text).not.toMatch(/list_blog_posts|query \{/);
  });

  it('every mode: rows scoped to the signed-in user, the write scope, how errors read; without keys no scoping sentence', () => {
    for (const mode of ['full', 'compact', 'code'] as const) {
      const text = defaultInstructions(input(plan, mode));
      expect(text).toContain('Every result holds only rows the signed-in user may see: an empty list or "not found" can mean the row is not theirs.');
      expect(text).toContain('Creating, updating and deleting need the write scope (or <toolset>:write)');
      expect(text).toMatch(/A refused call returns an error result saying what and where \("where\.title: expected string"\): fix the arguments and retry\./);
      const open = defaultInstructions(input(plan, mode, 'none'));
      expect(open).not.toMatch(/signed-in|write scope/);
      expect(open).toContain('A refused call returns an error result');
    }
  });

  it('one toolset: its description and models; the write scope only where writes exist, named for the toolset', () => {
    const blogOnly = defaultInstructions(input(plan, 'full'), 'blog');
    expect(blogOnly).toMatch(/^blog-app — Posts and comments\. 2 models: BlogPost, Comment\.\n/);
    expect(blogOnly).toContain('need the write scope (or blog:write)');
    const people = defaultInstructions(input(plan, 'full'), 'people');
    expect(people).toMatch(/^blog-app\. 1 model: User\.\n/);
    expect(people).not.toContain('write scope');
    expect(people).toContain('list_users and the other list tools');
  });
});

describe('server plan: identity and the user\'s own instructions', () => {
  it('defaults: the package name (without its scope) and version; title = name; generated instructions per endpoint', () => {
    const plan = buildPlan(blog, config({ toolsets }), { name: '@acme/blog-app', version: '2.3.4' });
    expect(plan.server).toMatchObject({ name: 'blog-app', title: 'blog-app', version: '2.3.4', icons: [] });
    expect(plan.server.instructions).toBe(defaultInstructions(input(plan, 'full')));
    expect(plan.server.toolsetInstructions).toEqual({ blog: defaultInstructions(input(plan, 'full'), 'blog'), people: defaultInstructions(input(plan, 'full'), 'people') });
    const bare = buildPlan(blog, config({ toolsets: { blog: toolsets.blog } }));
    expect(bare.server).toMatchObject({ name: 'mcp-server', title: 'mcp-server', version: '0.0.0', toolsetInstructions: {} });
  });

  it('config wins; auth.oauth.app.name is the title (and the name without a package.json)', () => {
    // The schema has no OAuth models: the server part of the plan alone.
    const oauth = { ...apiKeys, oauth: { server: 'built-in' as const, app: { name: 'Acme Blog' } } };
    const base = buildPlan(blog, config({ auth: apiKeys, toolsets }));
    const server = (extra: object, app = {}) => planServer(config({ auth: oauth, toolsets, ...extra }), app, base, report);
    expect(server({}, { name: 'blog-app' })).toMatchObject({ name: 'blog-app', title: 'Acme Blog' });
    expect(server({})).toMatchObject({ name: 'Acme Blog', title: 'Acme Blog' });
    const own = { server: server({ server: { name: 'acme', title: 'Acme', version: '9', websiteUrl: 'https://acme.example.com' } }, { name: 'x', version: '1' }) };
    expect(own.server).toMatchObject({ name: 'acme', title: 'Acme', version: '9', websiteUrl: 'https://acme.example.com' });
    expect(own.server.instructions).toMatch(/^Acme: /);
  });

  it('a string replaces, append adds a paragraph, false drops; per toolset after server.instructions', () => {
    const make = (server: object, blogInstructions?: object | string | false) =>
      buildPlan(blog, config({ toolsets: { ...toolsets, blog: { ...toolsets.blog, ...(blogInstructions !== undefined ? { instructions: blogInstructions } : {}) } }, server } as never)).server;
    const generated = make({});
    expect(make({ instructions: 'Only ask about posts.' }).instructions).toBe('Only ask about posts.');
    expect(make({ instructions: 'Only ask about posts.' }).toolsetInstructions).toEqual({});
    expect(make({ instructions: { text: 'Amounts are in cents.', mode: 'append' } }).instructions).toBe(`${generated.instructions}\n\nAmounts are in cents.`);
    expect(make({ instructions: false })).not.toHaveProperty('instructions');
    const perToolset = make({ instructions: { text: 'Be brief.', mode: 'append' } }, { text: 'Drafts have published: false.', mode: 'append' });
    expect(perToolset.toolsetInstructions['blog']).toBe(`${generated.toolsetInstructions['blog']}\n\nBe brief.\n\nDrafts have published: false.`);
    expect(perToolset.toolsetInstructions['people']).toBe(`${generated.toolsetInstructions['people']}\n\nBe brief.`);
    expect(make({}, 'Posts only.').toolsetInstructions['blog']).toBe('Posts only.');
    expect(make({}, false).toolsetInstructions['blog']).toBeNull();
  });

  it('icons: URLs as given; project files get a MIME type and a unique served name; other extensions are refused with their key path', () => {
    const plan = buildPlan(blog, config({ toolsets, server: { icons: [{ src: 'public/icon.png', sizes: ['64x64'] }, { src: 'assets/icon.png', theme: 'dark' }, { src: 'https://x.example/i.svg' }] } }));
    expect(plan.server.icons).toEqual([
      { file: 'public/icon.png', name: 'icon.png', mimeType: 'image/png', sizes: ['64x64'] },
      { file: 'assets/icon.png', name: '1-icon.png', mimeType: 'image/png', theme: 'dark' },
      { src: 'https://x.example/i.svg' },
    ]);
    expect(() => buildPlan(blog, config({ toolsets, server: { icons: [{ src: 'public/icon.txt' }] } }))).toThrow(PlanError);
    expect(() => buildPlan(blog, config({ toolsets, server: { icons: [{ src: 'public/icon.txt' }] } }))).toThrow(/server\.icons\[0\]\.src: expected a \.png, \.jpg, \.jpeg, \.webp, \.gif, \.svg, \.ico file, got "public\/icon\.txt"/);
  });
});

describe('generate\'s report', () => {
  it('prints the estimate for /mcp and each toolset endpoint whose instructions differ; warns past the budget', () => {
    const plan = buildPlan(blog, config({ toolsets }));
    const report = instructionsReport(plan.server);
    expect(report.lines[0]).toMatch(/^instructions: ~\d+ tokens \(estimate, o200k; budget 300\)$/);
    expect(report.lines.slice(1)).toEqual([expect.stringMatching(/^ {2}blog: ~\d+ tokens$/), expect.stringMatching(/^ {2}people: ~\d+ tokens$/)]);
    expect(report.warnings).toEqual([]);
    const long = instructionsReport({ instructions: 'word '.repeat(400), toolsetInstructions: { blog: null } });
    expect(long.lines).toEqual(['instructions: ~377 tokens (estimate, o200k; budget 300)', '  blog: none']);
    expect(long.warnings[0]).toMatch(/^the instructions are past the budget: ~377 tokens/);
  });
});

const report: Report = { problem: (where, message) => { throw new Error(`${where}: ${message}`); }, note: () => {} };

const names = corpusNames();
const measured: string[] = [];

describe.skipIf(names.length === 0)('real-world schemas: at most 300 tokens (o200k, gpt-tokenizer)', () => {
  it.each(names)('%s: full, compact and code mode, with and without API keys and writes; the estimate within 10 percent', async (name) => {
    const ir = await loadSchema({ root: path.join(corpusDir(), name), schema: 'schema.prisma' });
    const models = Object.fromEntries(ir.models.map((m) => [m.name, {}]));
    const plan = buildPlan(ir, validateConfig({ auth: 'none', toolsets: { all: { models } } }, 'mcp-gen.config.ts'), { name, version: '1.0.0' });
    const counts: string[] = [];
    for (const mode of ['full', 'compact', 'code'] as const) {
      const plain = input(plan, mode, 'none');
      // The longest variant: API keys (scoping, get_user_info, write scope) and writes on every model.
      const worst = { ...input(plan, mode, 'apiKeys'), models: plain.models.map((m) => ({ ...m, operations: [...m.operations, 'create', 'update', 'delete'] as typeof m.operations })) };
      const [a, b] = [defaultInstructions(plain), defaultInstructions(worst)];
      const [ta, tb] = [countTokens(a), countTokens(b)];
      expect(tb, b).toBeLessThanOrEqual(INSTRUCTIONS_BUDGET);
      expect(ta).toBeLessThan(tb);
      for (const [text, tokens] of [[a, ta], [b, tb]] as const) expect(Math.abs(textTokens(text) - tokens) / tokens).toBeLessThan(0.1);
      counts.push(`${mode} ${ta}/${tb}`);
    }
    measured.push(`${name}: ${counts.join(', ')} (read-only, no keys / keys and writes)`);
    if (measured.length === names.length) console.log(`instruction tokens (o200k):\n${measured.join('\n')}`);
  });
});
