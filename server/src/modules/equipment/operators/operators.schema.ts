import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The work items of special-equipment operators (TSG Z6001 作业项目: A 特种设备安全管理, G1 工业锅炉司炉,
 * Q2 起重机司机, N1 叉车司机 …): a dictionary preloaded at first start that administrators extend.
 */
export const operatorWorkItems = pgTable('operator_work_items', {
  code: text().primaryKey(),
  name: text().notNull(),
  /** The top equipment category it belongs to (e.g. `1000`); null for 安全管理. */
  category: text(),
  builtin: boolean().notNull().default(false),
  sort: integer().notNull().default(0),
  /** Years a certificate of this item is valid: expiresOn = issuedOn + validityYears unless given (4: TSG Z6001, unverified in FACTS.md). */
  validityYears: integer().notNull().default(4),
  /** Exam pass marks (out of 100): a candidate passes with theory ≥ theoryPassMark and practical ≥ practicalPassMark. */
  theoryPassMark: integer().notNull().default(60),
  practicalPassMark: integer().notNull().default(60),
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A special-equipment operator (作业人员). The ID number is personal data: sealed at rest
 * (`idNumberSealed`, platform/secrets/personal-data.ts), kept masked for lists (`idNumberMasked`,
 * `320802********1234`) and found by a keyed hash (`idNumberHash`, HMAC under its own sub-key) so the
 * same person is not registered twice; only `equipment.operator_pii` reveals it, each reveal audited.
 */
export const equipmentOperators = pgTable(
  'equipment_operators',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    idNumberSealed: text().notNull(),
    idNumberMasked: text().notNull(),
    idNumberHash: text().notNull(),
    employerUscc: text().notNull(),
    /** The employer's region (data scope). */
    regionCode: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('equipment_operators_id_hash_unique').on(t.idNumberHash), index().on(t.employerUscc), index().on(t.regionCode, t.name)],
);

/** A certificate (特种设备安全管理和作业人员证) for one work item; valid 4 years by default (TSG Z6001, unverified). */
export const operatorCertificates = pgTable(
  'operator_certificates',
  {
    id: uuid().primaryKey().defaultRandom(),
    operatorId: uuid().notNull(),
    workItem: text().notNull(),
    certificateNo: text().notNull(),
    issuedOn: date({ mode: 'string' }).notNull(),
    expiresOn: date({ mode: 'string' }).notNull(),
    /** 复审 dates, past and planned. */
    reviewDates: date({ mode: 'string' }).array().notNull().default(sql`'{}'::date[]`),
    /** The exam session whose pass issued or renewed it. */
    examSessionId: uuid(),
    revokedOn: date({ mode: 'string' }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('operator_certificates_no_unique').on(t.certificateNo), index().on(t.operatorId), index().on(t.expiresOn)],
);

/** An operator exam and training session (§三(二)4(4)): date, place, exam institution, work items. */
export const operatorExamSessions = pgTable(
  'operator_exam_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    heldOn: date({ mode: 'string' }).notNull(),
    place: text().notNull(),
    /** The exam institution, an enterprise of the register (so the inspection engine can check it). */
    institutionUscc: text().notNull(),
    workItems: text().array().notNull(),
    /** Training hours given before the exam, when it included training. */
    trainingHours: integer(),
    regionCode: text().notNull(),
    orgId: uuid().notNull(),
    createdByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode, t.heldOn), index().on(t.institutionUscc)],
);

/** A candidate of a session for one work item, with theory and practical results; a pass issues or renews the certificate. */
export const operatorExamCandidates = pgTable(
  'operator_exam_candidates',
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid().notNull(),
    operatorId: uuid().notNull(),
    workItem: text().notNull(),
    theoryScore: numeric({ precision: 5, scale: 1, mode: 'number' }),
    practicalScore: numeric({ precision: 5, scale: 1, mode: 'number' }),
    /** null until both results are in. */
    passed: boolean(),
    certificateId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('operator_exam_candidates_one').on(t.sessionId, t.operatorId, t.workItem), index().on(t.operatorId)],
);

/** An emergency plan (应急预案) or drill record (演练记录) of a user unit; its files are `equipment_files` (`ownerType` `emergency`). */
export const equipmentEmergencyRecords = pgTable(
  'equipment_emergency_records',
  {
    id: uuid().primaryKey().defaultRandom(),
    userUscc: text().notNull(),
    regionCode: text().notNull(),
    kind: text().$type<'plan' | 'drill'>().notNull(),
    title: text().notNull(),
    /** Plan: approved on; drill: held on. */
    on: date({ mode: 'string' }).notNull(),
    participants: integer(),
    note: text(),
    createdByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userUscc, t.on)],
);
