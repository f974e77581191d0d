// What a generated server's tools/list costs a client, counted with a real tokenizer:
// gpt-tokenizer's o200k_base (GPT-4o family) over the compact JSON of `{ tools: [...] }`, the
// same JSON the server sends (less the JSON-RPC envelope). The tools are loaded from the
// generated folder and listed by its own runtime (listing.ts): no database, no HTTP.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

export interface ToolTokens {
  readonly name: string;
  readonly tokens: number;
}

export interface ListingTokens {
  readonly tools: readonly ToolTokens[];
  /** Tokens of the whole `{ tools: [...] }` answer. */
  readonly total: number;
  /** The most expensive tool. */
  readonly largest: ToolTokens;
}

export { countTokens };

/** Tokens of `{ tools }` and of each tool, largest first. */
export function tokensOf(listed: readonly { name: string }[]): ListingTokens {
  const tools = listed.map((t) => ({ name: t.name, tokens: countTokens(JSON.stringify(t)) })).sort((a, b) => b.tokens - a.tokens || (a.name < b.name ? -1 : 1));
  return { tools, total: countTokens(JSON.stringify({ tools: listed })), largest: tools[0] ?? { name: '-', tokens: 0 } };
}

/** The tools/list of the server generated into `generatedDir` (e.g. <project>/src/mcp/generated). */
export async function listGenerated(generatedDir: string): Promise<{ name: string }[]> {
  // The registry first, as the server's index.ts does: relations resolve through it.
  await import(pathToFileURL(path.join(generatedDir, 'registry.ts')).href);
  const { tools } = (await import(pathToFileURL(path.join(generatedDir, 'tools.ts')).href)) as { tools: readonly object[] };
  const { listing } = (await import(pathToFileURL(path.join(generatedDir, 'runtime/tools/listing/listing.ts')).href)) as { listing: (t: object) => { name: string } };
  return tools.map(listing);
}
