// Stands in for the project's db module (src/mcp/db.ts) so the golden files type-check on their own.
export declare const prisma: { readonly $transaction: (...args: never[]) => Promise<unknown> };
