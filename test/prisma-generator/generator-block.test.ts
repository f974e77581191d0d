// init's `generator mcp` edit and the generator block's options, as pure functions.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addGeneratorBlock } from '../../src/init/generator-block.js';
import { generatorTarget } from '../../src/cli/prisma-generator.js';

const CLIENT = 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\n';
const DATASOURCE = 'datasource db {\n  provider = "sqlite"\n}\n';
const MODEL = 'model User {\n  id Int @id\n}\n';

describe('addGeneratorBlock', () => {
  it('adds the block right after the client generator, every other line unchanged', () => {
    const schema = `${CLIENT}\n${DATASOURCE}\n${MODEL}`;
    const r = addGeneratorBlock([['prisma/schema.prisma', schema]]);
    expect(r.files).toEqual([
      ['prisma/schema.prisma', `${CLIENT}\ngenerator mcp {\n  provider = "mcp-gen"\n}\n\n${DATASOURCE}\n${MODEL}`],
    ]);
    expect(r.note).toContain('generator mcp');
  });

  it.each([
    ['mcp-gen'],
    ['npx mcp-gen'],
    ['node node_modules/.bin/mcp-gen prisma-generator'],
  ])('leaves a schema alone whose generator already runs %s', (provider) => {
    const schema = `${CLIENT}\ngenerator server {\n  // ours\n  provider = "${provider}"\n}\n${MODEL}`;
    const r = addGeneratorBlock([['schema.prisma', schema]]);
    expect(r.files).toEqual([]);
    expect(r.note).toBe('generator server (schema.prisma:6) runs mcp-gen already; schema left unchanged.');
  });

  it('does not take a provider that merely contains the name', () => {
    const schema = `${CLIENT}\ngenerator other {\n  provider = "not-mcp-gen-at-all"\n}\n`;
    expect(addGeneratorBlock([['schema.prisma', schema]]).files).toHaveLength(1);
  });

  it('picks a free block name and the file with the generator in a multi-file schema; keeps CRLF', () => {
    const models = `${MODEL}model mcp {\n  id Int @id\n}\n`;
    const main = `${DATASOURCE}${CLIENT}`.replaceAll('\n', '\r\n');
    const r = addGeneratorBlock([
      ['prisma/schema/models.prisma', models],
      ['prisma/schema/main.prisma', main],
    ]);
    expect(r.files).toEqual([['prisma/schema/main.prisma', `${DATASOURCE}${CLIENT}\ngenerator mcp_gen {\n  provider = "mcp-gen"\n}\n`.replaceAll('\n', '\r\n')]]);
  });

  it('appends to a schema without a generator', () => {
    const r = addGeneratorBlock([['schema.prisma', MODEL.trimEnd()]]);
    expect(r.files[0]![1]).toBe(`${MODEL}\ngenerator mcp {\n  provider = "mcp-gen"\n}\n`);
  });
});

describe('generatorTarget', () => {
  const block = (config: Record<string, string | string[]>, isCustomOutput = false) => ({
    sourceFilePath: '/app/prisma/schema.prisma',
    isCustomOutput,
    config,
  });

  it('uses the working directory like the CLI', () => {
    expect(generatorTarget(block({}), '/app')).toEqual({ root: '/app' });
  });

  it('resolves `config` from the schema file, and makes its folder the root', () => {
    expect(generatorTarget(block({ config: '../tools/mcp/mcp-gen.config.ts' }), '/app')).toEqual({
      root: path.resolve('/app/tools/mcp'),
      config: 'mcp-gen.config.ts',
    });
  });

  it.each([
    [block({}, true), 'generator block in prisma/schema.prisma: remove `output`; mcp-gen writes where mcp-gen.config.ts `output` says'],
    [block({ confg: 'x.ts' }), 'generator block in prisma/schema.prisma: unknown option "confg" (known: config)'],
    [block({ config: ['a', 'b'] }), 'generator block in prisma/schema.prisma: `config` must be one path, e.g. config = "../mcp-gen.config.ts"'],
  ])('refuses a block it cannot honour (%#)', (b, message) => {
    expect(() => generatorTarget(b, '/app')).toThrow(message);
  });
});
