/**
 * init's framework step as pure units: detection from package.json, and the entry edit, which
 * happens only when it is unambiguous (else the line is printed). Table-driven over tiny apps.
 */
import { describe, expect, it } from 'vitest';
import { detectFrameworks, type PackageJson, type ScaffoldContext } from '../../src/init/frameworks/index.js';
import { express } from '../../src/init/frameworks/express.js';
import { fastify } from '../../src/init/frameworks/fastify.js';
import { hono } from '../../src/init/frameworks/hono.js';
import type { Framework } from '../../src/init/frameworks/types.js';

function ctx(files: Record<string, string>, pkg: PackageJson = {}, oauth = false): ScaffoldContext {
  return { root: '/nowhere', pkg, dir: 'src/mcp', generatedImport: './generated', dbImport: './db', ext: '.js', oauth, readFile: async (rel) => files[rel] };
}

describe('detectFrameworks', () => {
  it.each([
    [{ dependencies: { express: '^5' } }, ['express']],
    [{ devDependencies: { hono: '4' }, dependencies: { '@hono/node-server': '2' } }, ['hono']],
    [{ dependencies: { fastify: '5', express: '5' } }, ['express', 'fastify']],
    [{ dependencies: { 'express-session': '1' } }, []],
    [{ dependencies: { '@nestjs/core': '12', '@nestjs/platform-express': '12' } }, ['express']],
    [{}, []],
  ])('%j → %j', (pkg, names) => {
    expect(detectFrameworks(pkg).map((f) => f.name)).toEqual(names);
  });
});

const EXPRESS_APP = `import express from 'express';
import session from 'express-session';

const app = express();
app.use(express.json());
app.use(session({ secret: 's' })).use((_req, _res, next) => next());

app.get('/hello', (_req, res) => res.send('hi'));
app.use((_req, res) => res.status(404).end());
app.listen(3000);
`;

interface Case {
  name: string;
  framework: Framework;
  files: Record<string, string>;
  pkg?: PackageJson;
  /** The edited entry, or the note's reason. */
  want: { file: string; content: string } | { reason: RegExp } | { mounted: string };
}

const cases: Case[] = [
  {
    name: 'express: mounted after the top-level middleware, before the first route',
    framework: express,
    files: { 'src/server.ts': EXPRESS_APP },
    want: {
      file: 'src/server.ts',
      content: EXPRESS_APP.replace("from 'express-session';", "from 'express-session';\nimport { mcp } from './mcp/express.js';").replace(
        'next());\n',
        "next());\napp.use('/mcp', mcp);\n",
      ),
    },
  },
  {
    name: 'express: the entry named by package.json scripts, CRLF kept',
    framework: express,
    pkg: { scripts: { dev: 'tsx watch ./api/main.ts' } },
    files: { 'api/main.ts': "import express from 'express';\r\nconst web = express();\r\nweb.listen(1);\r\n" },
    want: { file: 'api/main.ts', content: "import express from 'express';\r\nimport { mcp } from '../src/mcp/express.js';\r\nconst web = express();\r\nweb.use('/mcp', mcp);\r\nweb.listen(1);\r\n" },
  },
  {
    name: 'fastify: after awaited plugin registrations',
    framework: fastify,
    files: { 'src/index.ts': "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify({ logger: true });\nawait app.register(cors);\napp.get('/', async () => 'hi');\n" },
    want: {
      file: 'src/index.ts',
      content: "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nimport { mcp } from './mcp/fastify.js';\nconst app = Fastify({ logger: true });\nawait app.register(cors);\napp.register(mcp, { prefix: '/mcp' });\napp.get('/', async () => 'hi');\n",
    },
  },
  {
    name: 'hono: a typed app',
    framework: hono,
    files: { 'src/app.ts': "import { Hono } from 'hono';\nexport const app = new Hono<{ Variables: { user: string } }>();\napp.get('/', (c) => c.text('hi'));\n" },
    want: {
      file: 'src/app.ts',
      content: "import { Hono } from 'hono';\nimport { mcp } from './mcp/hono.js';\nexport const app = new Hono<{ Variables: { user: string } }>();\napp.route('/mcp', mcp);\napp.get('/', (c) => c.text('hi'));\n",
    },
  },
  {
    name: 'nest: in the bootstrap function, indented, after the app’s middleware calls',
    framework: express,
    pkg: { dependencies: { '@nestjs/core': '12', '@nestjs/platform-express': '12' } },
    files: {
      'src/main.ts':
        "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module.js';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableCors();\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
    },
    want: {
      file: 'src/main.ts',
      content:
        "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module.js';\nimport { mcp } from './mcp/express.js';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableCors();\n  app.use('/mcp', mcp);\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
    },
  },
  { name: 'two apps in one file', framework: express, files: { 'src/server.ts': "import express from 'express';\nconst a = express();\nconst b = express();\n" }, want: { reason: /creates 2 express apps/ } },
  {
    name: 'apps in two files',
    framework: express,
    files: { 'src/server.ts': "import express from 'express';\nconst a = express();\n", 'src/app.ts': "import express from 'express';\nconst b = express();\n" },
    want: { reason: /several entry files/ },
  },
  { name: 'a JavaScript entry', framework: express, files: { 'src/server.js': '' }, pkg: { main: 'src/server.js' }, want: { reason: /no entry file/ } },
  { name: 'a JavaScript entry that is the app', framework: express, pkg: { main: 'server.js' }, files: { 'server.js': "const express = require('express');\nconst app = express();\n" }, want: { reason: /JavaScript/ } },
  {
    name: 'a build output named by `start` is passed over for the TypeScript entry',
    framework: express,
    pkg: { scripts: { start: 'node dist/server.js', dev: 'tsx watch src/server.ts' } },
    files: { 'dist/server.js': "import express from 'express';\nconst app = express();\n", 'src/server.ts': "import express from 'express';\nconst app = express();\n" },
    want: { file: 'src/server.ts', content: "import express from 'express';\nimport { mcp } from './mcp/express.js';\nconst app = express();\napp.use('/mcp', mcp);\n" },
  },
  { name: 'the app is made elsewhere', framework: express, files: { 'src/server.ts': "import express from 'express';\nimport { makeApp } from './make.js';\nconst app = makeApp(express);\n" }, want: { reason: /no entry file/ } },
  { name: 'already mounted', framework: express, files: { 'src/server.ts': "import express from 'express';\nimport { mcp } from './mcp/express.js';\nconst app = express();\napp.use('/mcp', mcp);\n" }, want: { mounted: 'src/server.ts' } },
  { name: 'something else at /mcp', framework: express, files: { 'src/server.ts': "import express from 'express';\nconst app = express();\napp.use('/mcp', other);\n" }, want: { reason: /already mentions \/mcp/ } },
  { name: 'the name mcp taken', framework: hono, files: { 'src/server.ts': "import { Hono } from 'hono';\nconst mcp = 1;\nconst app = new Hono();\n" }, want: { reason: /already uses the name mcp/ } },
];

describe('the entry edit', () => {
  it.each(cases)('$name', async ({ framework, files, pkg, want }) => {
    const scaffold = await framework.scaffold(ctx(files, pkg));
    expect(scaffold.files.map(([f]) => f)).toEqual([`src/mcp/${framework.name}.ts`]);
    if ('content' in want) {
      expect(scaffold.edits).toEqual([[want.file, want.content]]);
      expect(scaffold.note[0]).toContain(`mounted in ${want.file}`);
    } else if ('mounted' in want) {
      expect(scaffold.edits).toBeUndefined();
      expect(scaffold.note[0]).toMatch(new RegExp(`^\\w+: mounted in ${want.mounted}$`));
    } else {
      expect(scaffold.edits).toBeUndefined();
      expect(scaffold.note[0]).toMatch(want.reason);
      expect(scaffold.note.join('\n')).toContain("import { mcp } from './mcp/");
    }
  });

  it('leaves the entry alone when the mount file exists already (the user chose where it goes)', async () => {
    const scaffold = await express.scaffold(ctx({ 'src/server.ts': EXPRESS_APP, 'src/mcp/express.ts': '// mine\n' }));
    expect(scaffold.edits).toBeUndefined();
    expect(scaffold.note[0]).toBe('Express: add to your app (src/mcp/express.ts exists already):');
  });
});

describe('with OAuth (init --auth oauth): the OAuth endpoints at the app’s root too', () => {
  it.each([
    [express, "app.use(mcpAuthRoutes);\napp.use('/mcp', mcp);", 'expressMcpRoutes'],
    [fastify, "app.register(mcpAuthRoutes);\napp.register(mcp, { prefix: '/mcp' });", 'fastifyMcpRoutes'],
    [hono, "app.use(mcpAuthRoutes);\napp.route('/mcp', mcp);", 'honoMcpRoutes'],
  ] as const)('%#: both mounted, the routes first', async (framework, lines, adapter) => {
    const module = framework === hono ? "import { Hono } from 'hono';\nconst app = new Hono();\n" : framework === fastify ? "import Fastify from 'fastify';\nconst app = Fastify();\n" : "import express from 'express';\nconst app = express();\n";
    const scaffold = await framework.scaffold(ctx({ 'src/server.ts': module }, {}, true));
    const [file, content] = scaffold.edits![0]!;
    expect(file).toBe('src/server.ts');
    expect(content).toContain(`import { mcp, mcpAuthRoutes } from './mcp/${framework.name}.js';`);
    expect(content.endsWith(`${lines}\n`)).toBe(true);
    expect(scaffold.files[0]![1]).toContain(`export const mcpAuthRoutes = ${adapter}(mcpHandler);`);
    // Without OAuth the file has no such export.
    expect((await framework.scaffold(ctx({ 'src/server.ts': module }))).files[0]![1]).not.toContain('mcpAuthRoutes');
  });

  it('a mount file or entry from before OAuth: the note says what to add', async () => {
    const before = await express.scaffold(ctx({ 'src/server.ts': EXPRESS_APP, 'src/mcp/express.ts': '// mine\n' }, {}, true));
    expect(before.note.join('\n')).toContain("src/mcp/express.ts predates OAuth, add to it:\n    export const mcpAuthRoutes = expressMcpRoutes(mcpHandler);");
    const mounted = "import express from 'express';\nimport { mcp } from './mcp/express.js';\nconst app = express();\napp.use('/mcp', mcp);\n";
    const entry = await express.scaffold(ctx({ 'src/server.ts': mounted, 'src/mcp/express.ts': 'export const mcpAuthRoutes = 1;\n' }, {}, true));
    expect(entry.note).toEqual(['Express: mounted in src/server.ts', "Express: OAuth clients look for its endpoints at your app's root; add to src/server.ts: app.use(mcpAuthRoutes); (import mcpAuthRoutes from './mcp/express.js')"]);
  });
});
