// Preloaded with `node --import` by bench/load.ts: on SIGUSR2 the process runs a full garbage
// collection and writes process.memoryUsage() as JSON to MCPGEN_HEAP_FILE. Heap used after a full
// collection is what a leak grows; RSS alone also moves with how much the heap was allowed to reserve.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';

const file = process.env.MCPGEN_HEAP_FILE;
if (file) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  let n = 0;
  process.on('SIGUSR2', () => {
    gc();
    // MCPGEN_HEAP_SNAPSHOTS=<dir>: also a heap snapshot each time, to diff what grew.
    if (process.env.MCPGEN_HEAP_SNAPSHOTS) writeHeapSnapshot(path.join(process.env.MCPGEN_HEAP_SNAPSHOTS, `${process.pid}-${n++}.heapsnapshot`));
    writeFileSync(file, JSON.stringify(process.memoryUsage()));
  });
}
