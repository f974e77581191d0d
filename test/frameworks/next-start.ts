// The Next.js test app's start script (copied into the project, run with tsx by startServer):
// `next build --webpack` without DATABASE_URL (a build must not need the database), then
// `next start` on a free loopback port, then the "listening on" line startServer waits for.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';

const next = process.env.NEXT_BIN;
if (!next) throw new Error('NEXT_BIN is not set');
const env = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } as NodeJS.ProcessEnv;
// DATABASE_URL empty: src/mcp/db.ts throws if anything loads it during the build.
const build = spawnSync('nice', ['-n', '10', next, 'build', '--webpack'], { stdio: 'inherit', env: { ...env, DATABASE_URL: '' } });
if (build.status !== 0) process.exit(build.status ?? 1);

const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});
spawn(next, ['start', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'inherit', env });
for (let i = 0; ; i++) {
  const up = await fetch(`http://127.0.0.1:${port}/hello`).then((r) => r.ok, () => false);
  if (up) break;
  if (i > 300) throw new Error('next start did not answer /hello within 60 s');
  await new Promise((r) => setTimeout(r, 200));
}
console.log(`listening on http://127.0.0.1:${port}/mcp`);
