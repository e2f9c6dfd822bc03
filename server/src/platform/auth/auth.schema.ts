import { users } from '../users/users.schema.js';
import { orgs } from '../jurisdiction/jurisdiction.schema.js';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Server-side sessions: the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt)],
);

/**
 * The lockout state of one log-in subject: a username (`user:<name>`, known or not, so an unknown
 * name locks exactly like a real one) or a trusted device (`device:<device id>`). Attempts on a
 * subject are serialized by locking its row; `failures` holds the times (epoch ms) of the recent
 * failures inside the window.
 */
export const loginGuards = pgTable('login_guards', {
  key: text().primaryKey(),
  failures: jsonb().$type<number[]>().notNull().default([]),
  lockedUntil: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Browsers that signed in successfully as a user: the `zj_device` cookie holds a random token,
 * the table its SHA-256. Their attempts are counted on their own and pass a lock caused by others.
 */
export const loginDevices = pgTable(
  'login_devices',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt)],
);

/** Keys for other departments' systems; the secret is shown once and stored as SHA-256. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => orgs.id),
    regionCode: text().notNull(),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull().unique(),
    roles: text().array().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.orgId)],
);
