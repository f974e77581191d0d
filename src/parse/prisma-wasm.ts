/**
 * The two calls into Prisma's WebAssembly schema parser (`@prisma/prisma-schema-wasm`, the
 * engine behind `@prisma/internals`' getConfig/getDMMF), with the Prisma 5/6 shims applied
 * between them. `get_config` is cheap and reports unknown preview features; `get_datamodel`
 * validates the whole schema and returns only the DMMF's `datamodel`, about 50× less JSON than
 * `get_dmmf` (which adds the client's query schema and mappings we never read).
 */
import wasm from '@prisma/prisma-schema-wasm';
import { type SchemaFiles, blankDatasourceUrls, dropPreviewFeatures, unknownPreviewFeatures } from './compat.js';
import { configErrors, wasmError } from './errors.js';
import type { Datamodel, PrismaConfigMeta } from './to-ir.js';

export interface ParsedSchema {
  readonly datamodel: Datamodel;
  readonly config: PrismaConfigMeta;
  readonly notes: readonly string[];
}

interface ConfigResponse {
  readonly config: PrismaConfigMeta;
  readonly errors: readonly { readonly message: string }[];
}

/**
 * The wasm panic hook stores the Rust panic message in this global before the call throws a
 * RuntimeError. `@prisma/internals` installs the same registry when it is loaded; either works.
 */
interface PanicRegistry {
  set_message(message: string): void;
  get(): string;
}
class Panics implements PanicRegistry {
  private message = '';
  set_message(message: string): void {
    this.message = `RuntimeError: ${message}`;
  }
  get(): string {
    return this.message;
  }
}
const panics = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
panics.PRISMA_WASM_PANIC_REGISTRY ??= new Panics();

export async function parseWithPrisma(files: SchemaFiles): Promise<ParsedSchema> {
  const urls = blankDatasourceUrls(files);
  let current = urls.files;
  const notes = [...urls.notes];
  let response = getConfig(current);
  if (response.errors.length > 0) {
    // Keep exactly the preview features Prisma accepts: drop the ones it names as unknown, then retry.
    const unknown = unknownPreviewFeatures(response.errors.map((e) => e.message).join('\n'));
    if (unknown.length === 0) throw configErrors(response.errors.map((e) => e.message));
    const dropped = dropPreviewFeatures(current, unknown);
    current = dropped.files;
    notes.push(...dropped.notes);
    response = getConfig(current);
    if (response.errors.length > 0) throw configErrors(response.errors.map((e) => e.message));
  }
  const datamodel = callWasm(() => wasm.get_datamodel(JSON.stringify({ prismaSchema: current, noColor: true }))) as Datamodel;
  return { datamodel, config: response.config, notes };
}

function getConfig(files: SchemaFiles): ConfigResponse {
  return callWasm(() => wasm.get_config(JSON.stringify({ prismaSchema: files }))) as ConfigResponse;
}

/** Runs one wasm call and parses its JSON answer; a thrown error (or a panic) becomes a SchemaError. */
export function callWasm(fn: () => string): unknown {
  let out: string;
  try {
    out = fn();
  } catch (err) {
    throw wasmError(err, panics.PRISMA_WASM_PANIC_REGISTRY?.get());
  }
  return JSON.parse(out) as unknown;
}
