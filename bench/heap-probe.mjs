// Preloaded with `node --import` by bench/load.ts: on SIGUSR2 the process runs a full garbage
// collection and writes process.memoryUsage() as JSON to MCPGEN_HEAP_FILE. Heap used after a full
// collection is what a leak grows; RSS alone also moves with how much the heap was allowed to reserve.
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const file = process.env.MCPGEN_HEAP_FILE;
if (file) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  process.on('SIGUSR2', () => {
    gc();
    writeFileSync(file, JSON.stringify(process.memoryUsage()));
  });
}
