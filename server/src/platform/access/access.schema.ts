import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { DataScope } from './scope.js';

/** A role is a named set of permission keys plus the data scope its holders get. */
export const roles = pgTable('roles', {
  key: text().primaryKey(),
  name: text().notNull(),
  permissions: text().array().notNull(),
  dataScope: text().$type<DataScope>().notNull(),
  builtin: boolean().notNull().default(false),
  /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Permission keys this database has seen. A key new to it (a module just installed) is added
 * to the built-in roles whose defaults include it, once; later edits by administrators stand.
 */
export const permissionKeys = pgTable('permission_keys', {
  key: text().primaryKey(),
  addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
