// Runs a Next.js app with its own package.json scripts, as its users do (started by startServer with
// tsx, cwd = the app; it lives outside the app so `next build` does not type-check it):
//   NEXT_RUN=dev:   `npm run dev -- -H 127.0.0.1 -p <port>`
//   NEXT_RUN=start: `npm run build` (DATABASE_URL empty: a build must not need the database), then
//                   `npm run start -- -H 127.0.0.1 -p <port>`
// then prints the "listening on" line once the app's home page answers.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';

const mode = process.env.NEXT_RUN;
if (mode !== 'dev' && mode !== 'start') throw new Error('NEXT_RUN must be dev or start');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } as NodeJS.ProcessEnv;
delete env.NODE_ENV; // Next sets it per command; the test runner's `test` would confuse it
const npm = (args: string[]) => ['nice', ['-n', '10', 'npm', 'run', '--silent', ...args]] as const;

if (mode === 'start') {
  const [cmd, args] = npm(['build']);
  const build = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, DATABASE_URL: '' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});
const [cmd, args] = npm([mode, '--', '-H', '127.0.0.1', '-p', String(port)]);
spawn(cmd, args, { stdio: 'inherit', env });
for (let i = 0; ; i++) {
  const up = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false);
  if (up) break;
  if (i > 1500) throw new Error(`npm run ${mode}: / did not answer within 300 s`);
  await new Promise((r) => setTimeout(r, 200));
}
console.log(`listening on http://127.0.0.1:${port}/mcp`);
