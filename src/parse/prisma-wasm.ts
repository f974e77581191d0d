/**
 * The two calls into Prisma's WebAssembly schema parser, with the Prisma 5/6 shims applied
 * between them. getConfig is cheap and reports unknown preview features; getDMMF runs once.
 */
import internals from '@prisma/internals';
import { type SchemaFiles, blankDatasourceUrls, dropPreviewFeatures, unknownPreviewFeatures } from './compat.js';
import { toSchemaError } from './errors.js';
import type { Datamodel, PrismaConfigMeta } from './to-ir.js';

export interface ParsedSchema {
  readonly datamodel: Datamodel;
  readonly config: PrismaConfigMeta;
  readonly notes: readonly string[];
}

export async function parseWithPrisma(files: SchemaFiles): Promise<ParsedSchema> {
  const urls = blankDatasourceUrls(files);
  let current = urls.files;
  const notes = [...urls.notes];
  let config: PrismaConfigMeta;
  try {
    config = await internals.getConfig({ datamodel: current });
  } catch (err) {
    // Keep exactly the preview features Prisma accepts: drop the ones it names as unknown, then retry.
    const unknown = unknownPreviewFeatures(err instanceof Error ? err.message : String(err));
    if (unknown.length === 0) throw toSchemaError(err);
    const dropped = dropPreviewFeatures(current, unknown);
    current = dropped.files;
    notes.push(...dropped.notes);
    config = await internals.getConfig({ datamodel: current }).catch((e: unknown) => {
      throw toSchemaError(e);
    });
  }
  const dmmf = await internals.getDMMF({ datamodel: current }).catch((e: unknown) => {
    throw toSchemaError(e);
  });
  return { datamodel: dmmf.datamodel, config, notes };
}
