import { boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../jurisdiction/jurisdiction.schema.js';

/** open: to do; done: a user marked it done; resolved: its cause went away (e.g. the licence was renewed). */
export type TodoStatus = 'open' | 'done' | 'resolved';

/** The pieces of an item's title by name (e.g. `holder`, `number`, `date`), so the web can word it in the user's language. */
export type TodoParams = Record<string, string>;

/**
 * A to-do item on users' home pages, addressed to a person (`userId`: an assigned inspector, an
 * investigator), who alone sees it, to an enterprise (`enterpriseUscc`: its own accounts), or else to an org (a county bureau) and/or a city section,
 * whose users see it when their role makes it their job (they hold `permission`). Modules create
 * them — at the event or in daily jobs — under a stable `key`, so running a job twice creates
 * nothing new.
 */
export const todos = pgTable(
  'todos',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Identifies the item across job runs, e.g. `licence.expiring_30:<licence id>:<expiry>`. */
    key: text().notNull(),
    /** What kind of reminder, e.g. `licence.expiring_30`; the web UI labels it. */
    kind: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    /** In Chinese, for readers of the API; the web words it from `kind` and `params`. */
    title: text().notNull(),
    params: jsonb().$type<TodoParams>().notNull().default({}),
    /** The web page that deals with it, e.g. `/licences/<id>`. */
    link: text().notNull(),
    dueOn: date({ mode: 'string' }),
    /** False when dueOn was counted in working days over a year without holiday data (carried from the record it is about). */
    dueCertain: boolean().notNull().default(true),
    orgId: uuid().references(() => orgs.id),
    sectionId: uuid().references(() => orgs.id),
    /** The person it is addressed to; when set, only they see it. */
    userId: uuid(),
    /** Of an item addressed to an office: the permission that makes it a user's job (null: every user of the office). */
    permission: text(),
    /** An item addressed to an enterprise (its accounts, 企业端, see it; staff do not). */
    enterpriseUscc: text(),
    /** The region of the record it is about (data scope). */
    regionCode: text().notNull(),
    status: text().$type<TodoStatus>().notNull().default('open'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
    closedBy: uuid(),
  },
  (t) => [uniqueIndex('todos_key_unique').on(t.key), index().on(t.status, t.orgId), index().on(t.status, t.sectionId), index().on(t.kind, t.status), index().on(t.status, t.userId), index().on(t.status, t.enterpriseUscc)],
);
