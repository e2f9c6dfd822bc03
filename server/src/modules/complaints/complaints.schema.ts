import { bytea } from '../../db/columns.js';
import { boolean, date, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** 投诉 / 举报 / 咨询 / 建议. A complaint needs a named reporter; a report may be anonymous. */
export const COMPLAINT_KINDS = ['complaint', 'report', 'enquiry', 'suggestion'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** The contract's status keys (handling/states.ts is the state machine over them). */
export const COMPLAINT_STATUSES = ['received', 'accepted', 'refused', 'mediating', 'verifying', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** How an item reached the bureau: the public site, Open311 apps, the hotline (call), a letter, a visit, a 12315 transfer, another agency's transfer. */
export const COMPLAINT_CHANNELS = ['web', 'open311', 'phone', 'letter', 'visit', 'transfer_12315', 'transfer_agency'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** The legal clocks (FACTS.md): accept a complaint within 7, mediation ends at 45, a report's lead verified within 15 (+15), a named reporter told within 5 of the decision. */
export const DEADLINE_KINDS = ['accept', 'mediation', 'verify', 'notify'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** What a complaint can be linked to (created from it, or existing): the other side shows the link through the complaints module's read. */
export const LINK_TARGETS = ['inspection_task', 'equipment_hazard', 'licence_lead', 'licence_exit', 'case'] as const;
export type LinkTarget = (typeof LINK_TARGETS)[number];

/** Tracking numbers `TS` + yyyymmdd + this sequence (6 digits, never reused). */
export const complaintTrackingSeq = pgSequence('complaint_tracking_seq', { startWith: 1 });

/**
 * A complaint, report, enquiry or suggestion (投诉举报): what was submitted, where it was routed
 * (`regionCode` and `orgId`, the county bureau or the city bureau, is the data scope; `sectionId`
 * the city section of its topic), its state and its result. The reporter's name, phone, ID number,
 * address and e-mail are sealed (platform/secrets/personal-data.ts); only their masked forms are
 * stored readable. The access code and the Open311 token are stored as keyed hashes.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid().primaryKey().defaultRandom(),
    trackingNo: text().notNull(),
    accessCodeHash: text().notNull(),
    /** Open311 `service_request_id`, hashed (only items filed through Open311 have one). */
    open311TokenHash: text(),
    kind: text().$type<ComplaintKind>().notNull(),
    channel: text().$type<ComplaintChannel>().notNull(),
    /** The 12315 transfer number or the other agency's reference: an import skips a reference it already holds. */
    channelRef: text(),
    topic: text().notNull(),
    /** A marked category (e.g. 电梯困人) from `complaint_categories`; urgent ones make the item urgent. */
    category: text(),
    urgent: boolean().notNull().default(false),
    subjectUscc: text(),
    subjectName: text(),
    subjectEnterpriseId: uuid(),
    equipmentRegistrationNo: text(),
    equipmentId: uuid(),
    product: text(),
    regionCode: text().notNull(),
    orgId: uuid().notNull(),
    sectionId: uuid(),
    /** The officer who took it on (acknowledged it or acted first). */
    handlerId: uuid(),
    handlerName: text(),
    place: text(),
    occurredOn: date({ mode: 'string' }),
    description: text().notNull(),
    anonymous: boolean().notNull(),
    reporterNameSealed: text(),
    reporterPhoneSealed: text(),
    reporterIdNumberSealed: text(),
    reporterAddressSealed: text(),
    reporterEmailSealed: text(),
    /** Masked forms (张*, 138****5678), the only readable trace of the reporter. */
    reporterNameMasked: text(),
    reporterPhoneMasked: text(),
    status: text().$type<ComplaintStatus>().notNull().default('received'),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The China date of receipt: the day the legal clocks start from. */
    receivedOn: date({ mode: 'string' }).notNull(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    escalatedAt: timestamp({ withTimezone: true }),
    decidedOn: date({ mode: 'string' }),
    refusalReason: text(),
    mediationResult: text().$type<'agreed' | 'failed'>(),
    /** The lead's verification (举报核查) or the complaint's finding: substantiated (属实) or not. */
    substantiated: boolean(),
    caseOpened: boolean(),
    /** The internal result; `publicResult` is the text approved for the reporter (有查必果). */
    result: text(),
    publicResult: text(),
    publicResultApprovedBy: uuid(),
    closedAt: timestamp({ withTimezone: true }),
    /** The subject enterprise's account sees the item while mediating and answers here. */
    enterpriseAnswer: text(),
    enterpriseAnsweredAt: timestamp({ withTimezone: true }),
    satisfied: boolean(),
    satisfactionComment: text(),
    satisfactionAt: timestamp({ withTimezone: true }),
    createdById: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.trackingNo),
    uniqueIndex().on(t.open311TokenHash),
    uniqueIndex().on(t.channel, t.channelRef),
    index().on(t.regionCode, t.receivedAt, t.id),
    index().on(t.status, t.receivedAt),
    index().on(t.subjectUscc, t.receivedAt),
    index().on(t.equipmentId),
  ],
);

/**
 * One legal clock of an item (FACTS.md): due in working days from the calendar (`dueCertain`
 * false when a year without holiday data was crossed). `metOn` when done; `cancelledOn` when the
 * clock no longer applies (e.g. a refused complaint's mediation).
 */
export const complaintDeadlines = pgTable(
  'complaint_deadlines',
  {
    id: uuid().primaryKey().defaultRandom(),
    complaintId: uuid().notNull().references(() => complaints.id, { onDelete: 'cascade' }),
    kind: text().$type<DeadlineKind>().notNull(),
    startedOn: date({ mode: 'string' }).notNull(),
    workingDays: integer().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    dueCertain: boolean().notNull(),
    extended: boolean().notNull().default(false),
    extendedById: uuid(),
    metOn: date({ mode: 'string' }),
    cancelledOn: date({ mode: 'string' }),
  },
  (t) => [uniqueIndex().on(t.complaintId, t.kind), index().on(t.dueOn)],
);

/**
 * The timeline: every hop (received, routed, re-routed with a reason, acknowledged, escalated),
 * every action, every addition from the reporter, every answer of the enterprise. `public`
 * events are shown on the reporter's page (never names of officers or of the reporter).
 */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    complaintId: uuid().notNull().references(() => complaints.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorKind: text().$type<'public' | 'staff' | 'enterprise' | 'system'>().notNull(),
    actorId: uuid(),
    actorName: text(),
    fromOrgId: uuid(),
    toOrgId: uuid(),
    note: text(),
    public: boolean().notNull().default(false),
  },
  (t) => [index().on(t.complaintId, t.at, t.id)],
);

/** Photos and PDFs (checked by content): from the reporter at submission or as an addition, from staff, or from the enterprise. */
export const complaintFiles = pgTable(
  'complaint_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    complaintId: uuid().notNull().references(() => complaints.id, { onDelete: 'cascade' }),
    eventId: uuid(),
    source: text().$type<'reporter' | 'staff' | 'enterprise'>().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.complaintId)],
);

/** What the item led to (Act): an inspection task (origin `complaint`), a hazard, an unlicensed-operation lead, an exit procedure, a case. */
export const complaintLinks = pgTable(
  'complaint_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    complaintId: uuid().notNull().references(() => complaints.id, { onDelete: 'cascade' }),
    targetType: text().$type<LinkTarget>().notNull(),
    targetId: uuid().notNull(),
    /** How the target is shown (e.g. the task's enterprise and item), written at link time. */
    label: text().notNull(),
    createdById: uuid(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.complaintId, t.targetType, t.targetId), index().on(t.targetType, t.targetId)],
);
