// The conformance suite calls tools by fixed names; these are every one its server scenarios call
// that a generated server can have. They are ordinary ToolDefs (what a custom tool becomes,
// `content` included), so the suite checks our text, error, content, progress and logging paths,
// not a special case. Tools the server cannot have (sampling, elicitation, input_required, a tool
// needing a client capability) are absent; the expected-failures files say why.
import { z } from 'zod';
import { ToolError } from '../../templates/runtime/core/errors.js';
import type { ToolDef } from '../../templates/runtime/core/spec.js';

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

type Extra = Partial<Pick<ToolDef, 'text' | 'content' | 'inputJsonSchema' | 'input'>>;

function suiteTool(name: string, handler: ToolDef['handler'], extra: Extra = {}): ToolDef {
  return {
    name, toolset: 'conformance', access: 'read', title: name, description: `Conformance fixture: ${name}.`,
    input: z.strictObject({}),
    annotations: { readOnlyHint: true },
    handler,
    ...extra,
  };
}

// A 1×1 red PNG and a 44-byte silent WAV header with one sample.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const WAV = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQIAAAAAAA==';

// The suite's JSON Schema 2020-12 tool (SEP-1613, SEP-2106), listed as a published procedure's own schema is.
const SCHEMA_2020_12 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: { address: { $anchor: 'addressDef', type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } } },
  properties: {
    name: { type: 'string' }, address: { $ref: '#/$defs/address' }, contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' }, email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  then: { required: ['phone'] },
  else: { required: ['email'] },
  additionalProperties: false,
};

const logThree: ToolDef['handler'] = async (_args, ctx) => {
  for (const message of ['Tool execution started', 'Tool processing data', 'Tool execution completed']) {
    await ctx.log('info', message);
    await pause();
  }
  return { done: true };
};

export const conformanceTools: readonly ToolDef[] = [
  suiteTool('test_simple_text', async () => ({ text: 'This is a simple text response for testing.' }), {
    text: (r) => String(r['text']),
  }),
  suiteTool('test_error_handling', async () => {
    throw new ToolError('This tool intentionally returns an error for testing');
  }),
  suiteTool('test_image_content', async () => ({ mimeType: 'image/png', data: PNG }), {
    content: (r) => [{ type: 'image', data: String(r['data']), mimeType: String(r['mimeType']) }],
  }),
  suiteTool('test_audio_content', async () => ({ mimeType: 'audio/wav', data: WAV }), {
    content: (r) => [{ type: 'audio', data: String(r['data']), mimeType: String(r['mimeType']) }],
  }),
  suiteTool('test_embedded_resource', async () => ({ uri: 'test://embedded-resource', text: 'This is an embedded resource content.' }), {
    content: (r) => [{ type: 'resource', resource: { uri: String(r['uri']), mimeType: 'text/plain', text: String(r['text']) } }],
  }),
  suiteTool('test_multiple_content_types', async () => ({ test: 'data', value: 123 }), {
    content: (r) => [
      { type: 'text', text: 'Multiple content types test:' },
      { type: 'image', data: PNG, mimeType: 'image/png' },
      { type: 'resource', resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: JSON.stringify(r) } },
    ],
  }),
  suiteTool('json_schema_2020_12_tool', async (args) => ({ received: args }), {
    input: z.looseObject({}),
    inputJsonSchema: SCHEMA_2020_12,
  }),
  suiteTool('test_tool_with_progress', async (_args, ctx) => {
    for (const done of [0, 50, 100]) {
      await ctx.progress(done, 100, `${done}%`);
      await pause();
    }
    return { done: true };
  }),
  suiteTool('test_tool_with_logging', logThree),
  // 2026-07-28: the same tool, called without `_meta` logLevel, must send no log messages.
  suiteTool('test_logging_tool', logThree),
];
