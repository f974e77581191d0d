#!/usr/bin/env node
// `prisma generate` runs a schema's `generator { provider = "mcp-gen" }` as this command, without
// arguments and with PRISMA_GENERATOR_INVOCATION set; `mcp-gen prisma-generator` is the explicit form.
const args = process.argv.slice(2);
if ((args.length === 0 && process.env.PRISMA_GENERATOR_INVOCATION === 'true') || (args.length === 1 && args[0] === 'prisma-generator')) {
  const { servePrismaGenerator } = await import('../dist/cli/prisma-generator.js');
  servePrismaGenerator();
} else {
  const { run } = await import('../dist/cli/index.js');
  process.exitCode = await run(process.argv);
}
