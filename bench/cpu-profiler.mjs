// Preloaded with `node --import` by bench/profile.ts (NODE_OPTIONS may not carry --cpu-prof):
// samples the process's CPU from start until it gets SIGUSR2, then writes a .cpuprofile into
// MCPGEN_PROFILE_DIR (named after the pid).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.MCPGEN_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.once('SIGUSR2', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
