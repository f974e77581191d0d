import readline from 'node:readline/promises';
import { init } from '../init/index.js';

export interface InitFlags {
  root: string;
  yes?: boolean;
  install: boolean;
  schema?: string;
  auth?: 'api-keys' | 'oauth' | 'none';
  userModel?: string;
  prismaGenerator: boolean;
}

export async function initCommand(flags: InitFlags): Promise<number> {
  if (flags.auth && flags.auth !== 'api-keys' && flags.auth !== 'oauth' && flags.auth !== 'none') {
    throw new Error(`--auth must be "api-keys", "oauth" or "none", got "${String(flags.auth)}"`);
  }
  const interactive = !flags.yes && process.stdin.isTTY === true;
  const rl = interactive ? readline.createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  try {
    return await init({
      root: flags.root,
      schema: flags.schema,
      auth: flags.auth,
      userModel: flags.userModel,
      install: flags.install,
      prismaGenerator: flags.prismaGenerator,
      ask: rl ? async (q, fallback) => (await rl.question(`${q} [${fallback}] `)) || fallback : undefined,
      log: (line) => console.log(line),
    });
  } finally {
    rl?.close();
  }
}
