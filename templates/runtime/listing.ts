// What tools/list advertises for each tool: name, title, description, annotations and the JSON
// Schemas of its arguments and result. Computed once per tool definition, not on every
// (stateless) tools/list request.
import type { Tool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ToolDef } from './spec.js';

const listings = new WeakMap<ToolDef, Tool>();

/** The tools/list entry of `tool`. */
export function listing(tool: ToolDef): Tool {
  let entry = listings.get(tool);
  if (!entry) {
    entry = {
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: (tool.inputJsonSchema ?? z.toJSONSchema(tool.input, { target: 'draft-7', io: 'input', unrepresentable: 'any' })) as Tool['inputSchema'],
      ...(tool.output ? { outputSchema: z.toJSONSchema(tool.output, { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as Tool['outputSchema'] } : {}),
      annotations: { ...tool.annotations },
    };
    listings.set(tool, entry);
  }
  return entry;
}
