import v8 from 'node:v8';

/**
 * Keeps WebAssembly in V8's baseline tier (Liftoff) for this short-lived process. Prisma's schema
 * parser is a 3 MB wasm module run a few times; optimizing its hot functions costs more than it
 * saves (trigger.dev, 81 models: ~350 ms → ~110 ms to parse). Set before any wasm is compiled.
 */
export function preferBaselineWasm(): void {
  v8.setFlagsFromString('--wasm-tiering-budget=1000000000');
}
