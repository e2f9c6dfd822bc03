import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.js';
import { orgs } from '../../platform/jurisdiction/jurisdiction.schema.js';
import { enterprises } from '../enterprises/index.js';
import type { LicenceState } from './states.js';

/**
 * The licence and certificate types the bureau issues or supervises: a dictionary preloaded on
 * first start (licence-types.ts) that an administrator extends. A historic type (the 制造计量器具许可证
 * abolished in 2017) keeps its licences readable but takes no new ones.
 */
export const licenceTypes = pgTable(
  'licence_types',
  {
    key: text().primaryKey(),
    name: text().notNull(),
    /** The owning section (a city-bureau section); its officers handle the type's feedback and to-dos. */
    sectionId: uuid().references(() => orgs.id),
    legalBasis: text().notNull(),
    /** Default validity in years; null when the licence does not expire. */
    validityYears: integer(),
    historic: boolean().notNull().default(false),
    sort: integer().notNull().default(0),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('licence_types_name_unique').on(t.name)],
);

/** A licence held by an enterprise. Its state changes only through `licence_transitions`. */
export const licences = pgTable(
  'licences',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid()
      .notNull()
      .references(() => enterprises.id),
    typeKey: text()
      .notNull()
      .references(() => licenceTypes.key),
    number: text().notNull(),
    scope: text(),
    issuedOn: date({ mode: 'string' }).notNull(),
    expiresOn: date({ mode: 'string' }),
    issuer: text().notNull(),
    state: text().$type<LicenceState>().notNull().default('normal'),
    /** When warning management is to be reviewed (state `warning`). */
    reviewOn: date({ mode: 'string' }),
    /** The deadline of an order to change the registration (state `changeOrdered`). */
    changeDeadline: date({ mode: 'string' }),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('licences_type_number_unique').on(t.typeKey, t.number), index().on(t.enterpriseId), index().on(t.state), index().on(t.expiresOn)],
);

export type TransitionStatus = 'applied' | 'pending' | 'rejected';

/**
 * Every measure taken on a licence, as data: who asked, from and to which state, why, on which
 * legal basis, under which decision document; and, when the target needs a section head's
 * approval, the request waiting (`pending`) until approved (`applied`) or rejected.
 */
export const licenceTransitions = pgTable(
  'licence_transitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    licenceId: uuid()
      .notNull()
      .references(() => licences.id),
    fromState: text().$type<LicenceState>().notNull(),
    toState: text().$type<LicenceState>().notNull(),
    reason: text().notNull(),
    legalBasis: text().notNull(),
    documentNo: text().notNull(),
    reviewOn: date({ mode: 'string' }),
    deadlineWorkingDays: integer(),
    deadlineOn: date({ mode: 'string' }),
    /** False when the deadline runs over a year the working-day calendar has no data for. */
    deadlineCertain: boolean(),
    status: text().$type<TransitionStatus>().notNull(),
    requestedBy: uuid(),
    requestedByName: text().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid(),
    decidedByName: text(),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
  },
  (t) => [
    index().on(t.licenceId, t.requestedAt),
    // At most one request waits for approval per licence.
    uniqueIndex('licence_transitions_one_pending').on(t.licenceId).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * A correction of a licence's recorded details after issue (a typo in the number, the scope, the
 * dates as printed on the certificate): what was recorded before and after, why, and by whom.
 */
export const licenceCorrections = pgTable(
  'licence_corrections',
  {
    id: uuid().primaryKey().defaultRandom(),
    licenceId: uuid()
      .notNull()
      .references(() => licences.id),
    before: jsonb().$type<Record<string, string | null>>().notNull(),
    after: jsonb().$type<Record<string, string | null>>().notNull(),
    reason: text().notNull(),
    correctedBy: uuid(),
    correctedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.licenceId, t.createdAt)],
);

/** Targets whose transitions need a section head's approval (none by default). */
export const licenceApprovalRules = pgTable('licence_approval_rules', {
  toState: text().$type<LicenceState>().primaryKey(),
  requiresApproval: boolean().notNull(),
  /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
  version: integer().notNull().default(1),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The notice (告知书) given to the holder on issuing, kept as the .docx that was handed out. */
export const licenceNotices = pgTable('licence_notices', {
  licenceId: uuid()
    .primaryKey()
    .references(() => licences.id),
  fileName: text().notNull(),
  content: bytea().notNull(),
  sha256: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const LICENCE_DOCUMENT_KINDS = ['attachment', 'investigation_notice', 'revocation_decision', 'cancellation_decision'] as const;
export type LicenceDocumentKind = (typeof LICENCE_DOCUMENT_KINDS)[number];

/**
 * Files kept with a licence: attachments an officer uploads (the certificate scan, the
 * application…) and the documents the exit workflows generate (核查通知书, 吊销/注销决定书).
 */
export const licenceDocuments = pgTable(
  'licence_documents',
  {
    id: uuid().primaryKey().defaultRandom(),
    licenceId: uuid()
      .notNull()
      .references(() => licences.id),
    /** The exit procedure that produced it, for generated documents. */
    exitId: uuid(),
    kind: text().$type<LicenceDocumentKind>().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    sha256: text().notNull(),
    createdBy: uuid(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.licenceId, t.createdAt), index().on(t.exitId)],
);
