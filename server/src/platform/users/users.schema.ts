import { orgs } from '../jurisdiction/jurisdiction.schema.js';
import { roles } from '../access/access.schema.js';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stored lower-case; log-in is case-insensitive on the username. */
    username: text().notNull().unique(),
    displayName: text().notNull(),
    orgId: uuid()
      .notNull()
      .references(() => orgs.id),
    /** Copied from the user's org so data scope applies to user rows like any other (an enterprise's account: the enterprise's region). */
    regionCode: text().notNull(),
    /** An enterprise's account (企业端): the USCC it acts for; null for staff. Its only roles are of the `enterprise` scope. */
    enterpriseUscc: text(),
    passwordHash: text().notNull(),
    mustChangePassword: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    lastLoginAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.orgId), index().on(t.regionCode), index().on(t.enterpriseUscc)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleKey: text()
      .notNull()
      .references(() => roles.key),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleKey] }), index().on(t.roleKey)],
);
