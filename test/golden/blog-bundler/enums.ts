/** Enums used by exposed fields. */
export const Role = ['READER', 'AUTHOR', 'ADMIN'] as const;
export type Role = (typeof Role)[number];
