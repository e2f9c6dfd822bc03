import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases.schema.js';

export const PARTY_ROLES = ['lead', 'assisting'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/**
 * 联办: the bureaus sharing a case. The owning bureau is the `lead` party (added with the case);
 * others are county or city bureaus of the jurisdiction (`orgId`) or bureaus outside the city
 * entered as external parties (`externalName`, `externalRegion`; they have no accounts).
 */
export const caseParties = pgTable(
  'case_parties',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    role: text().$type<PartyRole>().notNull(),
    orgId: uuid(),
    externalName: text(),
    externalRegion: text(),
    contact: text(),
    addedOn: date({ mode: 'string' }).notNull(),
    addedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId), index().on(t.orgId), uniqueIndex('case_parties_org').on(t.caseId, t.orgId)],
);

/** A joint party's own tasks on a case: each party sees the case and its own tasks. */
export const casePartyTasks = pgTable(
  'case_party_tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    partyId: uuid()
      .notNull()
      .references(() => caseParties.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    dueOn: date({ mode: 'string' }),
    doneOn: date({ mode: 'string' }),
    doneNote: text(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId), index().on(t.partyId)],
);

/** 督办 (§三(二)1(3)): the city marks a case as supervised, with its reason. */
export const caseSupervisions = pgTable('case_supervisions', {
  caseId: uuid()
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' }),
  supervisingOrgId: uuid().notNull(),
  supervisingOrgName: text().notNull(),
  reason: text().notNull(),
  documentNo: text(),
  startedOn: date({ mode: 'string' }).notNull(),
  startedByName: text().notNull(),
  endedOn: date({ mode: 'string' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One reporting date of a supervised case and the county's report on it; overdue → a to-do for the county, flagged to the city (`flaggedAt`). */
export const caseProgressReports = pgTable(
  'case_progress_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    dueOn: date({ mode: 'string' }).notNull(),
    reportedOn: date({ mode: 'string' }),
    content: text(),
    reportedByName: text(),
    flaggedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId, t.dueOn), index().on(t.dueOn)],
);

export const POLICE_DECISIONS = ['accepted', 'not_accepted'] as const;
export type PoliceDecision = (typeof POLICE_DECISIONS)[number];

/** One file of a transfer's evidence package, as its manifest lists it. */
export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
  /** What the file is: a generated document's kind, or the evidence it belongs to. */
  description: string;
}

/**
 * 行政执法与刑事司法衔接: a case transferred to the police (or procuratorate), with its evidence
 * package (a zip of the case's documents and evidence files, `manifest.json` listing each file's
 * SHA-256), the receipt, the organ's decision and its follow-up.
 */
export const caseTransfers = pgTable(
  'case_transfers',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    transferredOn: date({ mode: 'string' }).notNull(),
    receivingOrgan: text().notNull(),
    documentNo: text(),
    reason: text().notNull(),
    suspectedCrime: text(),
    manifest: jsonb().$type<ManifestEntry[]>().notNull(),
    /** SHA-256 of the zip as built at the transfer (it is rebuilt identically on download). */
    packageSha256: text().notNull(),
    receiptNo: text(),
    receiptOn: date({ mode: 'string' }),
    decision: text().$type<PoliceDecision>(),
    decisionOn: date({ mode: 'string' }),
    decisionReason: text(),
    followUps: jsonb().$type<{ on: string; note: string; byName: string }[]>().notNull().default([]),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId), index().on(t.transferredOn)],
);
