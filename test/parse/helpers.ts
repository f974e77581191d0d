import { parseSchemaFiles } from '../../src/parse/index.js';

export const HEADER = `datasource db {
  provider = "postgresql"
}

generator client {
  provider = "prisma-client"
  output   = "../generated/prisma"
  previewFeatures = ["views"]
}
`;

/** Parses `HEADER + body` as `schema.prisma` under a fake root. */
export function parseBody(body: string, header = HEADER) {
  return parseSchemaFiles([['schema.prisma', header + body]], { root: '/project' });
}

/** Resolves the given error, failing the test if the promise resolved instead. */
export async function errorOf(p: Promise<unknown>): Promise<Error & { locations?: unknown }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}
