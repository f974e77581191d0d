/**
 * Adds `generator mcp { provider = "mcp-gen" }` to the user's Prisma schema, so that every
 * `prisma generate` regenerates the MCP server. A text edit like the key model's: the block goes
 * right after the schema's first generator (the client), every other line stays byte-for-byte.
 */
import { scanBlocks, stripComment } from '../parse/schema-text.js';

export interface AddGeneratorResult {
  /** The changed file, or nothing when a generator runs mcp-gen already. */
  readonly files: [string, string][];
  readonly note: string;
}

const PROVIDER = /^\s*provider\s*=\s*"([^"]*)"/;
/** `mcp-gen`, `npx mcp-gen`, `node_modules/.bin/mcp-gen prisma-generator`, … */
const RUNS_MCP_GEN = /(^|[\s/])mcp-gen(\s|$)/;

export function addGeneratorBlock(files: readonly (readonly [string, string])[]): AddGeneratorResult {
  const blocks = files.flatMap(([file, text]) => scanBlocks(file, text));
  const generators = blocks.filter((b) => b.kind === 'generator');
  for (const g of generators) {
    const lines = files.find(([f]) => f === g.file)![1].split(/\r?\n/).slice(g.line, g.endLine - 1);
    const provider = lines.map((l) => PROVIDER.exec(stripComment(l))?.[1]).find((p) => p !== undefined);
    if (provider !== undefined && RUNS_MCP_GEN.test(provider)) {
      return { files: [], note: `generator ${g.name} (${g.file}:${g.line}) runs mcp-gen already; schema left unchanged.` };
    }
  }
  const names = new Set(blocks.map((b) => b.name));
  const name = ['mcp', 'mcp_gen', 'mcp_server'].find((n) => !names.has(n)) ?? 'mcp_gen_server';
  const after = generators[0] ?? blocks.find((b) => b.kind === 'datasource');
  const file = after?.file ?? files[0]![0];
  const text = files.find(([f]) => f === file)![1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const block = [`generator ${name} {`, '  provider = "mcp-gen"', '}'];
  if (after) lines.splice(after.endLine, 0, '', ...block);
  else lines.push(...(lines.at(-1) === '' ? [] : ['']), ...block, '');
  return {
    files: [[file, lines.join(eol)]],
    note: `Added \`generator ${name}\` to ${file}: \`prisma generate\` now regenerates the MCP server too (remove the block to stop it).`,
  };
}
