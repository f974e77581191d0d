// The conformance suite calls tools by fixed names. These two are ordinary ToolDefs (what a custom
// tool becomes), so the suite checks our progress and logging paths, not a special case.
import { z } from 'zod';
import type { ToolDef } from '../../templates/runtime/core/spec.js';

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

function suiteTool(name: string, handler: ToolDef['handler']): ToolDef {
  return {
    name, toolset: 'conformance', access: 'read', title: name, description: `Conformance fixture: ${name}.`,
    input: z.strictObject({}),
    annotations: { readOnlyHint: true },
    handler,
  };
}

export const conformanceTools: readonly ToolDef[] = [
  suiteTool('test_tool_with_progress', async (_args, ctx) => {
    for (const done of [0, 50, 100]) {
      await ctx.progress(done, 100, `${done}%`);
      await pause();
    }
    return { done: true };
  }),
  suiteTool('test_tool_with_logging', async (_args, ctx) => {
    for (const message of ['Tool execution started', 'Tool processing data', 'Tool execution completed']) {
      await ctx.log('info', message);
      await pause();
    }
    return { done: true };
  }),
];
