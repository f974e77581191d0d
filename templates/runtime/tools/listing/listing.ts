// What tools/list advertises for each tool: name, title, description, annotations and the JSON
// Schemas of its arguments and result. Computed once per tool definition, not on every
// (stateless) tools/list request.
//
// Clients send every tool's schema to the model on every turn, so the listing is a lean
// projection of the validators, not a transcript of them: arguments are still checked by the
// exact zod schemas (server.ts), while the advertised schemas say what a model needs to write a
// call, once (listing/where.ts, listing/output.ts), in a spelling every client accepts
// (listing/portable.ts).
import type { Tool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { withDefinitions } from './definitions.js';
import { isSchema, properties, type Definitions, type Schema } from './json-schema.js';
import { shortenNameLists } from './names.js';
import { leanOutput } from './output.js';
import { portable } from './portable.js';
import { isModelWhere, leanWhere } from './where.js';
import type { ToolDef } from '../../core/spec.js';
import { toolUiMeta } from '../../apps/meta.js';

const listings = new WeakMap<ToolDef, Tool>();

/** The tools/list entry of `tool`. */
export function listing(tool: ToolDef): Tool {
  let entry = listings.get(tool);
  if (!entry) {
    entry = {
      name: tool.name,
      title: tool.title,
      description: tool.description,
      // A precomputed schema (published procedures) is made portable as it is; ours are made lean too.
      inputSchema: (tool.inputJsonSchema ? portable(tool.inputJsonSchema as Schema) : inputSchema(tool.input)) as Tool['inputSchema'],
      ...(tool.output ? { outputSchema: portable(leanOutput(jsonSchema(tool.output, 'output'))) as Tool['outputSchema'] } : {}),
      annotations: { ...tool.annotations },
    };
    const ui = toolUiMeta(tool);
    if (ui) entry._meta = ui;
    listings.set(tool, entry);
  }
  return entry;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  return z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Schema;
}

/** The arguments' schema, with a model's `where` made lean and definitions pruned. */
export function inputSchema(input: z.ZodType): Schema {
  const { definitions, ...root } = jsonSchema(input, 'input');
  const defs = (isSchema(definitions) ? definitions : {}) as Definitions;
  const shared: Record<string, Schema> = {};
  const props = Object.fromEntries(
    Object.entries(properties(root)).map(([name, prop]) => [name, name === 'where' && isModelWhere(prop, defs) ? leanWhere(prop, defs, shared) : prop]),
  );
  const body = 'properties' in root ? { ...root, properties: props } : root;
  // Filters of kinds a JSON type does not name (DateTime, BigInt, Decimal are strings) keep their
  // definition's name even when one field uses it; the others are written in place.
  const named = new Set(Object.keys(shared).filter((id) => /DateTime|BigInt|Decimal/.test(id)));
  const { definitions: lists, ...lean } = shortenNameLists(body);
  return portable(withDefinitions(lean, { ...defs, ...shared, ...(lists as Definitions | undefined) }, named));
}
