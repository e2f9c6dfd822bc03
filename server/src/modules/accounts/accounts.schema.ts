import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../../platform/users/users.schema.js';

/**
 * An enterprise's account (企业端): a user of the platform (`users.enterprise_uscc` gives its data
 * scope) with what only this module keeps about it — the enterprise, the contact phone (personal
 * data: sealed with the personal-data key, masked wherever listed), and how it came to be.
 */
export const enterpriseAccounts = pgTable(
  'enterprise_accounts',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    uscc: text().notNull(),
    /** The enterprise's region when the account was made (data scope of officers). */
    regionCode: text().notNull(),
    /** Sealed (platform/secrets/personal-data.ts); null when none was given. */
    phoneSealed: text(),
    /** The application it was approved from, if any. */
    requestId: uuid(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.uscc), index().on(t.regionCode)],
);

export const ACCOUNT_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type AccountRequestStatus = (typeof ACCOUNT_REQUEST_STATUSES)[number];

/**
 * An application for an enterprise account made on the public site. The competent county bureau
 * (by the enterprise's region) decides it; the applicant follows it by its request number, which
 * is random (it is the only key to the public status answer). The applicant's name and phone are
 * personal data, sealed.
 */
export const enterpriseAccountRequests = pgTable(
  'enterprise_account_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    requestNo: text().notNull().unique(),
    uscc: text().notNull(),
    /** The enterprise's registered name as given (it matched the register). */
    enterpriseName: text().notNull(),
    regionCode: text().notNull(),
    /** The competent county bureau, which decides. */
    orgId: uuid()
      .notNull()
      .references(() => orgs.id),
    applicantNameSealed: text().notNull(),
    phoneSealed: text().notNull(),
    username: text().notNull(),
    status: text().$type<AccountRequestStatus>().notNull().default('pending'),
    note: text(),
    decidedAt: timestamp({ withTimezone: true }),
    decidedByName: text(),
    /** The account made on approval. */
    userId: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.status, t.regionCode), index().on(t.uscc)],
);
