import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { notFound } from '../../../platform/http/errors.js';
import { orgs, regions } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import type { PersonalData } from '../../../platform/secrets/personal-data.js';
import { maskedReporter, openReporter } from '../intake/reporter.js';
import { complaintDeadlines, complaintEvents, complaintFiles, complaintLinks, complaints } from '../complaints.schema.js';
import { type ComplaintAction, actionsFor } from './states.js';

export type ComplaintRow = typeof complaints.$inferSelect;
type DeadlineRow = typeof complaintDeadlines.$inferSelect;

/** Data scope of staff over complaints: the routed region (out of scope answers 404 like a missing item). */
export const complaintScope = (actor: Actor) => visibleTo(actor, { regionCode: complaints.regionCode });

/**
 * A clock's state on `today`: `cancelled` (no longer applies), `met` (done on or before its due
 * date), `missed` (done after it), `overdue` (not done and past its due date), else `open`.
 */
export type ClockState = 'open' | 'overdue' | 'met' | 'missed' | 'cancelled';
export function clockState(c: Pick<DeadlineRow, 'dueOn' | 'metOn' | 'cancelledOn'>, today = todayInChina()): ClockState {
  if (c.cancelledOn) return 'cancelled';
  if (c.metOn) return c.metOn <= c.dueOn ? 'met' : 'missed';
  return today > c.dueOn ? 'overdue' : 'open';
}

/** A China date `years` years before `date` (29 February falls back to 28 February). */
export function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  const md = date.slice(4);
  if (md === '-02-29') return `${y}-02-28`;
  return `${y}${md}`;
}

/** A complaint whose matter happened more than three years before receipt cannot be accepted (办法 §15: 超过三年). */
export const isTooOld = (row: Pick<ComplaintRow, 'occurredOn' | 'receivedOn'>) => row.occurredOn !== null && row.occurredOn < yearsBefore(row.receivedOn, 3);

/** Masking and the reveal are intake's (reporter.ts): one place seals, masks and opens reporters. */
export { maskedReporter, openReporter };

/** The masked reporter from the masked columns alone (lists select no sealed column), as `maskedReporter` answers it. */
export const maskedFromColumns = (row: Pick<ComplaintRow, 'anonymous' | 'reporterNameMasked' | 'reporterPhoneMasked'>) =>
  row.anonymous || row.reporterNameMasked === null || row.reporterPhoneMasked === null ? null : { name: row.reporterNameMasked, phone: row.reporterPhoneMasked };

/** The columns never shown: the reporter sealed, the keyed hashes. */
const SECRET = new Set<keyof ComplaintRow>([
  'accessCodeHash',
  'open311TokenHash',
  'reporterNameSealed',
  'reporterPhoneSealed',
  'reporterIdNumberSealed',
  'reporterAddressSealed',
  'reporterEmailSealed',
  'reporterNameMasked',
  'reporterPhoneMasked',
]);

/** The row without its secret columns. */
function publicColumns(row: ComplaintRow) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!SECRET.has(k as keyof ComplaintRow)) out[k] = v;
  return out as Omit<ComplaintRow, 'accessCodeHash' | 'open311TokenHash' | 'reporterNameSealed' | 'reporterPhoneSealed' | 'reporterIdNumberSealed' | 'reporterAddressSealed' | 'reporterEmailSealed' | 'reporterNameMasked' | 'reporterPhoneMasked'>;
}

const fromOrg = alias(orgs, 'from_org');
const toOrg = alias(orgs, 'to_org');

/** The item's timeline, oldest first (the timeline's unique id last). `publicOnly`: the events shown outside the bureau. */
export async function timelineOf(tx: Db, complaintId: string, opts: { publicOnly?: boolean } = {}) {
  return tx
    .select({
      id: complaintEvents.id,
      kind: complaintEvents.kind,
      at: complaintEvents.at,
      actorKind: complaintEvents.actorKind,
      actorName: complaintEvents.actorName,
      fromOrgName: fromOrg.name,
      toOrgName: toOrg.name,
      note: complaintEvents.note,
      public: complaintEvents.public,
    })
    .from(complaintEvents)
    .leftJoin(fromOrg, eq(fromOrg.id, complaintEvents.fromOrgId))
    .leftJoin(toOrg, eq(toOrg.id, complaintEvents.toOrgId))
    .where(and(eq(complaintEvents.complaintId, complaintId), opts.publicOnly ? eq(complaintEvents.public, true) : undefined))
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
}

/** The item's clocks as shown: due date, certainty, extension, state. */
export const deadlineJson = (c: DeadlineRow, today = todayInChina()) => ({
  kind: c.kind,
  startedOn: c.startedOn,
  workingDays: c.workingDays,
  dueOn: c.dueOn,
  certain: c.dueCertain,
  extended: c.extended,
  metOn: c.metOn,
  cancelledOn: c.cancelledOn,
  state: clockState(c, today),
});

/** Whether the named reporter of a decided report was told (the `notify` clock met, or the event written). */
export async function reporterNotified(tx: Db, complaintId: string) {
  const [event] = await tx
    .select({ id: complaintEvents.id })
    .from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.kind, 'reporter_notified')))
    .limit(1);
  return Boolean(event);
}

/**
 * The actions the actor may take now: the state machine's (states.ts), refined by each action's
 * rules and the actor's permissions — `extend` only with `complaint.approve` while the verify clock
 * runs and was not extended; every other action needs `complaint.write`; `verify` only before the
 * decision; `notify_reporter` only after it, for a named reporter not yet told; `close` of a named
 * report only once the reporter was told; `mediate` only with a subject enterprise. `accept` stays
 * listed for a complaint over three years old (it then answers 409 COMPLAINT_TOO_OLD; `tooOld` says so).
 */
export function allowedActionsOf(actor: Actor | null, row: ComplaintRow, clocks: DeadlineRow[], notified: boolean): ComplaintAction[] {
  const perms = actor?.permissions;
  const verify = clocks.find((c) => c.kind === 'verify');
  const decided = row.substantiated !== null;
  const named = !row.anonymous;
  return actionsFor(row.kind, row.status).filter((a) => {
    if (a === 'extend') return Boolean(perms?.has('complaint.approve')) && !!verify && !verify.extended && !verify.metOn && !verify.cancelledOn && row.decidedOn === null;
    if (!perms?.has('complaint.write')) return false;
    switch (a) {
      case 'verify':
        return row.decidedOn === null;
      case 'notify_reporter':
        return decided && named && !notified;
      case 'close':
        return !(row.kind === 'report' && named && !notified);
      case 'mediate':
        return row.subjectEnterpriseId !== null;
      default:
        return true;
    }
  });
}

/**
 * The complaint as staff see it (`GET /api/complaints/:id` and every action's answer): every column
 * that is not secret, the reporter masked (or in full when `revealed`: the caller checked the
 * permission and audits), names of its region, bureau and section, its clocks, timeline, files,
 * links and the actions `actor` may take. `actor` scopes the read (404 outside); `scoped: false`
 * reads it after a write that may have moved it (a re-route) — then the actions are those the actor
 * could take were it still in scope, or none when it left it.
 */
export async function complaintJson(tx: Db, personal: PersonalData, actor: Actor, id: string, opts: { revealed?: boolean; scoped?: boolean } = {}) {
  const section = alias(orgs, 'section');
  const scope = complaintScope(actor);
  const [found] = await tx
    .select({ row: complaints, orgName: orgs.name, sectionName: section.name, regionName: regions.name, inScope: scope ? sql<boolean>`(${scope})` : sql<boolean>`true` })
    .from(complaints)
    .innerJoin(orgs, eq(orgs.id, complaints.orgId))
    .leftJoin(section, eq(section.id, complaints.sectionId))
    .leftJoin(regions, eq(regions.code, complaints.regionCode))
    .where(and(eq(complaints.id, id), opts.scoped === false ? undefined : scope));
  if (!found) throw notFound('投诉举报');
  const row = found.row;
  const today = todayInChina();
  const [clocks, timeline, files, links, notified] = await Promise.all([
    tx.select().from(complaintDeadlines).where(eq(complaintDeadlines.complaintId, id)),
    timelineOf(tx, id),
    tx
      .select({ id: complaintFiles.id, fileName: complaintFiles.fileName, contentType: complaintFiles.contentType, size: complaintFiles.size, source: complaintFiles.source, createdAt: complaintFiles.createdAt })
      .from(complaintFiles)
      .where(eq(complaintFiles.complaintId, id))
      .orderBy(asc(complaintFiles.createdAt), asc(complaintFiles.id)),
    linksOfComplaint(tx, id),
    reporterNotified(tx, id),
  ]);
  const order = ['accept', 'verify', 'mediation', 'notify'];
  clocks.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const inScope = Boolean(found.inScope);
  return {
    ...publicColumns(row),
    orgName: found.orgName,
    sectionName: found.sectionName,
    regionName: found.regionName,
    reporter: opts.revealed ? openReporter(personal, row) : maskedReporter(row),
    reporterRevealed: Boolean(opts.revealed) && !row.anonymous,
    tooOld: row.kind === 'complaint' && isTooOld(row),
    reporterNotified: notified,
    deadlines: clocks.map((c) => deadlineJson(c, today)),
    timeline,
    files,
    links,
    allowedActions: inScope ? allowedActionsOf(actor, row, clocks, notified) : [],
  };
}
export type ComplaintJson = Awaited<ReturnType<typeof complaintJson>>;

/** The item's links (Act), oldest first. */
export function linksOfComplaint(tx: Db, complaintId: string) {
  return tx
    .select({ id: complaintLinks.id, targetType: complaintLinks.targetType, targetId: complaintLinks.targetId, label: complaintLinks.label, createdByName: complaintLinks.createdByName, createdAt: complaintLinks.createdAt })
    .from(complaintLinks)
    .where(eq(complaintLinks.complaintId, complaintId))
    .orderBy(asc(complaintLinks.createdAt), asc(complaintLinks.id));
}

/** The next open clock of each item (earliest due date), for lists. */
export async function nextClocks(tx: Db, ids: string[], today = todayInChina()) {
  const out = new Map<string, { kind: DeadlineRow['kind']; dueOn: string; certain: boolean; state: ClockState }>();
  if (ids.length === 0) return out;
  const rows = await tx
    .select()
    .from(complaintDeadlines)
    .where(and(inArray(complaintDeadlines.complaintId, ids), isNull(complaintDeadlines.metOn), isNull(complaintDeadlines.cancelledOn)));
  for (const c of rows.sort((a, b) => a.dueOn.localeCompare(b.dueOn))) {
    if (!out.has(c.complaintId)) out.set(c.complaintId, { kind: c.kind, dueOn: c.dueOn, certain: c.dueCertain, state: clockState(c, today) });
  }
  return out;
}
