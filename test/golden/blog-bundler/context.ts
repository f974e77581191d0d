/** Types for tool handlers, including your own tools. */
import type { prisma } from '../db';
import type { ToolContext as BaseToolContext } from './runtime/core/spec';
import { createDefineTool } from './runtime/tools/custom';

/** The project's Prisma client (from src/mcp/db.ts). */
export type Db = typeof prisma;

/** auth: 'none' — there is no caller identity. */
export type CurrentUser = never;

/** What a tool handler receives: ctx.user, ctx.scopes, ctx.prisma, ctx.progress, ctx.log, ctx.signal. */
export type ToolContext = BaseToolContext<Db, CurrentUser>;

/**
 * A zod-first tool for your tools folder: `export const refundOrder = defineTool({ description,
 * input: z.object({...}), handler: async (input, ctx) => ... })`.
 */
export const defineTool = createDefineTool<ToolContext>();
