import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import { complaintDeadlines, complaintEvents, complaintFiles, complaintLinks, complaints, type ComplaintChannel, type ComplaintKind, type ComplaintStatus } from '../modules/complaints/complaints.schema.js';
import { complaintRewardRules, complaintRewards } from '../modules/complaints/rewards/rewards.schema.js';
import { enterprises } from '../modules/enterprises/enterprises.schema.js';
import { equipmentHazards } from '../modules/equipment/hazards/hazards.schema.js';
import { equipmentUnits } from '../modules/equipment/registry/registry.schema.js';
import { inspectionTasks } from '../modules/inspections/tasks/tasks.schema.js';
import type { Actor, RequestContext } from '../platform/access/actor.js';
import { addDays, isWeekend, todayInChina } from '../platform/calendar/dates.js';
import { users } from '../platform/users/users.schema.js';
import type { DemoAccount } from './accounts.js';
import {
  ADDITIONS, CLOSED_WITHOUT_MEDIATION, COMPLAINT_PLACES, DEMO_CATEGORIES, DEMO_ENQUIRIES, DEMO_SUGGESTIONS, type DemoCategory, ENTERPRISE_ANSWERS, MEDIATION_AGREED, MEDIATION_FAILED,
  REFUSAL_REASONS, REPORT_CASE_OPENED, REPORT_NOT_SUBSTANTIATED, REPORT_ORDERED, SATISFIED_COMMENTS, TOO_OLD_REASON, UNSATISFIED_COMMENTS,
} from './complaints-words.js';
import { DEMO_REGIONS } from './places.js';
import { type Rng, makeRng, weighted } from './random.js';
import { GIVEN_CHARS, SURNAMES } from './words.js';

/** Complaints and reports the full demo adds (ZJ_DEMO_COMPLAINTS); smaller demos get their share of it. */
export const DEMO_COMPLAINTS = 300;
/** A 1×1 PNG: the photo some web submissions carry. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

export interface ComplaintsDemoSummary {
  items: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  urgent: number;
  escalated: number;
  /** Open items with a clock past its due date. */
  overdue: number;
  satisfaction: number;
  rewardsPaid: number;
  links: number;
  /** Special-equipment hazards the verifications found (source `complaint`), linked. */
  hazards: number;
}

type Ctx = RequestContext & { actor: Actor };
type EventRow = typeof complaintEvents.$inferInsert;
type Row = typeof complaints.$inferSelect;

/** The steps of an item, in working days after its receipt (null: it never gets there; a step on or after today has not happened yet). */
interface Fate {
  /** Minutes after receipt an urgent item is acknowledged; `escalate`: past the 2 hours. */
  ackMinutes?: number;
  decide?: number | null;
  refuse?: string;
  mediate?: number | null;
  answer?: number | null;
  extend?: number | null;
  verify?: number | null;
  substantiated?: boolean;
  caseOpened?: boolean;
  notify?: number | null;
  close?: number | null;
  mediationResult?: 'agreed' | 'failed';
  /** Calendar days after closing the reporter rates it; null: never. */
  rateAfter?: number | null;
  satisfied?: boolean;
  addition?: number | null;
  answerText?: string;
  publicResult?: string;
}

interface Planned {
  kind: ComplaintKind;
  channel: ComplaintChannel;
  channelRef?: string;
  topic: string;
  category: DemoCategory | null;
  subjectUscc?: string;
  subjectName?: string;
  equipmentRegistrationNo?: string;
  product?: string;
  regionCode?: string;
  place?: string;
  occurredOn?: string;
  description: string;
  reporter?: { name: string; phone: string; address?: string };
  receivedOn: string;
  /** Receipt time, minutes after midnight in China. */
  receivedMinute: number;
  /** The exact receipt (the fresh urgent item). */
  receivedAt?: Date;
  fate: Fate;
  photo: boolean;
  /** An inspection task the item led to (the demo accounts' complaint-driven checks). */
  linkTaskId?: string;
  /** Special-equipment items: the unit's user, to name it as subject when it has no registration number. */
  answer?: string;
}

interface Subject {
  uscc: string;
  name: string;
  regionCode: string;
  address: string;
}
interface Unit {
  id: string;
  registrationNo: string;
  category: string;
  address: string;
  userName: string;
  regionCode: string;
}

/** Working days from the calendar (its special days of each year, else Monday to Friday), for moving by working days without a query each time. */
async function workingDayIndex(services: Services, from: string, to: string) {
  const special = new Map<string, boolean>();
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) for (const d of (await services.calendar.days(y)).items) special.set(d.date, d.workingDay);
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (special.get(d) ?? !isWeekend(d)) days.push(d);
  /** The `n`-th working day after `date` (`n` = 0: the date itself). */
  return (date: string, n: number) => {
    if (n === 0) return date;
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid]! <= date) lo = mid + 1;
      else hi = mid;
    }
    return days[Math.min(days.length - 1, lo + n - 1)]!;
  };
}

const at = (date: string, minute: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + Math.min(minute, 1439) * 60_000);

function personName(rng: Rng) {
  return rng.pick(SURNAMES.slice(0, rng.chance(0.7) ? 20 : SURNAMES.length)) + rng.pick(GIVEN_CHARS) + (rng.chance(0.6) ? rng.pick(GIVEN_CHARS) : '');
}

/** The plan of a complaint's or report's handling (working days after receipt), by kind. */
function fateOf(rng: Rng, kind: ComplaintKind, o: { urgent: boolean; recent: boolean; named: boolean; tooOld: boolean; force?: boolean }): Fate {
  const stuck = !o.force && o.recent && rng.chance(0.12);
  if (kind === 'enquiry' || kind === 'suggestion') return { close: stuck ? null : 1 + rng.int(5), rateAfter: o.named && rng.chance(0.3) ? 1 + rng.int(5) : null, satisfied: rng.chance(0.9) };
  const ackMinutes = o.urgent ? 5 + rng.int(80) : undefined;
  if (kind === 'complaint') {
    const decide = stuck ? null : o.urgent ? 0 : rng.chance(0.06) ? 8 + rng.int(3) : 1 + rng.int(6);
    if (!o.force && (o.tooOld || rng.chance(0.1))) return { ackMinutes, decide, refuse: o.tooOld ? TOO_OLD_REASON : rng.pick(REFUSAL_REASONS), rateAfter: rng.chance(0.3) ? 2 + rng.int(10) : null, satisfied: rng.chance(0.3) };
    const d = decide ?? 0;
    const mediate = o.force || rng.chance(0.85) ? d + rng.int(3) : null;
    const mediationResult = rng.chance(0.72) ? 'agreed' : 'failed';
    const stuckMediation = !o.force && o.recent && rng.chance(0.15);
    const close = stuckMediation ? null : !o.force && rng.chance(0.04) ? d + 46 + rng.int(5) : d + 5 + rng.int(o.force ? 15 : 36);
    const substantiated = o.force || (mediate === null ? rng.chance(0.6) : mediationResult === 'agreed' ? rng.chance(0.85) : rng.chance(0.5));
    const satisfied = mediationResult === 'agreed' ? rng.chance(0.85) : rng.chance(0.3);
    return {
      ackMinutes, decide, mediate, mediationResult: mediate === null ? undefined : mediationResult, answer: mediate === null ? null : mediate + 1 + rng.int(5),
      close, substantiated, rateAfter: rng.chance(0.55) ? 1 + rng.int(10) : null, satisfied, addition: rng.chance(0.08) ? 1 + rng.int(4) : null,
      answerText: rng.pick(ENTERPRISE_ANSWERS),
      publicResult: mediate === null ? CLOSED_WITHOUT_MEDIATION : mediationResult === 'agreed' ? rng.pick(MEDIATION_AGREED) : MEDIATION_FAILED,
    };
  }
  // report (举报)
  const decide = stuck ? null : o.urgent ? 0 : rng.int(3);
  if (!o.force && rng.chance(0.04)) return { ackMinutes, decide, refuse: rng.pick(REFUSAL_REASONS) };
  const d = decide ?? 0;
  const extend = !o.force && rng.chance(0.07) ? d + 8 + rng.int(5) : null;
  const stuckVerify = !o.force && o.recent && rng.chance(0.12);
  const verify = stuckVerify ? null : extend !== null ? 16 + rng.int(12) : rng.chance(0.05) ? 16 + rng.int(4) : Math.max(d, 4 + rng.int(11));
  const substantiated = o.force || rng.chance(0.55);
  const caseOpened = substantiated && rng.chance(0.45);
  const notify = verify === null || !o.named ? null : verify + (rng.chance(0.03) ? 6 + rng.int(3) : 1 + rng.int(4));
  const close = verify === null ? null : (notify ?? verify) + rng.int(3);
  return {
    ackMinutes, decide, extend, verify, substantiated, caseOpened, notify, close,
    rateAfter: rng.chance(0.4) ? 1 + rng.int(10) : null, satisfied: substantiated ? rng.chance(0.85) : rng.chance(0.45), addition: rng.chance(0.08) ? 1 + rng.int(3) : null,
    publicResult: !substantiated ? REPORT_NOT_SUBSTANTIATED : caseOpened ? REPORT_CASE_OPENED : REPORT_ORDERED,
  };
}

export interface ComplaintsDemoOptions {
  seed: number;
  count: number;
  today?: string;
  /** The demo enterprise accounts: each is the subject of a complaint in mediation (one waiting for its answer) and of a report that led to its check. */
  accounts?: readonly DemoAccount[];
}

/**
 * The complaints demo (issue 17), inside the demo's transaction, after the register, the
 * inspections and the special equipment: `count` complaints, reports, enquiries and suggestions
 * received over the past year through every channel, about enterprises of every division (and
 * special-equipment units by registration number), made through the intake service (routing,
 * sealed reporter, clocks from the past receipt date, the timeline's first events). Their handling
 * happened in the past, so it is written straight to the module's tables with past dates (the
 * handling service dates what it does today): decisions, mediation with the enterprise's answer,
 * verification, notification, closure with the public result, satisfaction, the legal clocks met
 * (mostly on time) through the clocks helper. Some items stay open (a few past their deadline),
 * urgent ones were acknowledged within minutes (a few late, escalated), one substantiated report's
 * reward was paid, and the demo accounts' complaint-driven checks are linked to their reports.
 */
export async function loadComplaintsDemo(tx: Db, services: Services, opts: ComplaintsDemoOptions): Promise<ComplaintsDemoSummary> {
  const today = opts.today ?? todayInChina();
  const summary: ComplaintsDemoSummary = { items: 0, byKind: {}, byStatus: {}, byChannel: {}, urgent: 0, escalated: 0, overdue: 0, satisfaction: 0, rewardsPaid: 0, links: 0, hazards: 0 };
  if (opts.count <= 0) return summary;
  const rng = makeRng(opts.seed);
  const staff = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName, orgId: users.orgId })
    .from(users)
    .where(inArray(users.username, ['city.officer', 'city.hotline_operator', 'city.section_head', ...DEMO_REGIONS.map((r) => `${r.slug}.officer`)]));
  const byName = new Map(staff.map((s) => [s.username, s]));
  const operator = byName.get('city.hotline_operator') ?? byName.get('city.officer');
  const cityOfficer = byName.get('city.officer');
  if (!operator || !cityOfficer) return summary;
  const operatorActor = await services.users.loadActor(operator.id, tx);
  if (!operatorActor) return summary;
  const operatorCtx: Ctx = { actor: operatorActor };
  const officerOf = (orgId: string) => staff.find((s) => s.orgId === orgId && s.username.endsWith('.officer')) ?? cityOfficer;
  const sectionHead = byName.get('city.section_head') ?? cityOfficer;

  // Subjects: active enterprises of each division (the first ones by code), special-equipment units in use with a registration number.
  const subjects = new Map<string, Subject[]>();
  for (const r of DEMO_REGIONS) {
    const rows = await tx
      .select({ uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode, address: sql<string>`coalesce(${enterprises.address}, '')` })
      .from(enterprises)
      .where(and(eq(enterprises.regionCode, r.code), eq(enterprises.status, 'active')))
      .orderBy(asc(enterprises.uscc))
      .limit(60);
    if (rows.length) subjects.set(r.code, rows);
  }
  const units = new Map<string, Unit[]>();
  for (const category of new Set(DEMO_CATEGORIES.map((c) => c.equipmentCategory).filter((c): c is string => !!c))) {
    const rows = await tx
      .select({ id: equipmentUnits.id, registrationNo: equipmentUnits.registrationNo, category: equipmentUnits.category, address: equipmentUnits.address, userName: enterprises.name, regionCode: equipmentUnits.regionCode })
      .from(equipmentUnits)
      .innerJoin(enterprises, eq(enterprises.uscc, equipmentUnits.userUscc))
      .where(and(eq(equipmentUnits.category, category), eq(equipmentUnits.status, 'in_use'), isNotNull(equipmentUnits.registrationNo)))
      .orderBy(asc(equipmentUnits.equipmentCode))
      .limit(40);
    units.set(category, rows.map((u) => ({ ...u, registrationNo: u.registrationNo! })));
  }
  const regionPick = weighted(DEMO_REGIONS.filter((r) => subjects.has(r.code)).map((r) => [r, r.weight] as const));
  if (subjects.size === 0) return summary;
  const categoryPick = weighted(DEMO_CATEGORIES.map((c) => [c, c.weight] as const));
  const kindPick = weighted<ComplaintKind>([['complaint', 45], ['report', 37], ['enquiry', 11], ['suggestion', 7]]);
  const channelPick = weighted<ComplaintChannel>([['web', 34], ['open311', 5], ['phone', 28], ['letter', 5], ['visit', 6], ['transfer_12315', 16], ['transfer_agency', 6]]);
  // Repeat subjects (≥ 3 substantiated in 12 months → marked for targeted inspection): the first enterprise of two divisions.
  const repeat = ['320812', '320803'].map((code) => subjects.get(code)?.[0]).filter((s): s is Subject => !!s);

  let refSeq = 0;
  const plan = (forced: Partial<Planned> & { kind?: ComplaintKind; force?: boolean; daysAgo?: number; subject?: Subject } = {}): Planned => {
    const kind = forced.kind ?? kindPick(rng);
    const channel = forced.channel ?? channelPick(rng);
    const daysAgo = forced.daysAgo ?? Math.floor(365 * rng.next() ** 1.15);
    const receivedOn = addDays(today, -daysAgo);
    const receivedMinute = channel === 'web' || channel === 'open311' ? rng.int(1440) : 8 * 60 + 30 + rng.int(9 * 60);
    const region = regionPick(rng);
    const named = kind === 'complaint' || (kind === 'report' ? rng.chance(0.65) : rng.chance(0.5));
    const reporter = named ? { name: personName(rng), phone: `1380000${String(rng.int(10_000)).padStart(4, '0')}`, ...(rng.chance(0.3) ? { address: `${region.addressPrefix}${rng.pick(region.roads)}${1 + rng.int(200)}号` } : {}) } : undefined;
    refSeq++;
    const channelRef =
      channel === 'transfer_12315' ? `${receivedOn.replaceAll('-', '')}${region.code}${String(refSeq).padStart(5, '0')}` : channel === 'transfer_agency' ? `12345-${receivedOn.replaceAll('-', '')}-${String(refSeq).padStart(4, '0')}` : undefined;
    const base = { kind, channel, channelRef, receivedOn, receivedMinute, reporter, photo: channel === 'web' && rng.chance(0.2) };
    if (kind === 'enquiry' || kind === 'suggestion') {
      const e = rng.pick(kind === 'enquiry' ? DEMO_ENQUIRIES : DEMO_SUGGESTIONS);
      return { ...base, topic: e.topic, category: null, regionCode: region.code, description: e.text, fate: { ...fateOf(rng, kind, { urgent: false, recent: daysAgo <= 90, named, tooOld: false }), publicResult: e.answer }, ...forced } as Planned;
    }
    let category = forced.category ?? categoryPick(rng);
    if (!category.kinds.some(([k]) => k === kind)) category = DEMO_CATEGORIES.find((c) => !c.urgent && c.kinds.some(([k]) => k === kind))!;
    const product = rng.pick(category.products);
    const unit = category.equipmentCategory && !forced.subject ? (units.get(category.equipmentCategory) ?? []).length ? rng.pick(units.get(category.equipmentCategory)!) : null : null;
    const subject = forced.subject ?? (unit ? null : rng.chance(category.key === 'unlicensed_production' || category.key === 'other' ? 0.5 : 0.88) ? rng.pick(subjects.get(region.code)!) : null);
    const place = unit ? unit.address : `${region.addressPrefix}${rng.pick(COMPLAINT_PLACES)}`;
    const subjectName = unit?.userName ?? subject?.name ?? '';
    const description = rng.pick(category.descriptions).replaceAll('{subject}', subjectName || '一家商户').replaceAll('{product}', product).replaceAll('{place}', place);
    const tooOld = kind === 'complaint' && !forced.force && rng.chance(0.03);
    const occurredOn = tooOld ? addDays(receivedOn, -(3 * 365 + 30 + rng.int(300))) : addDays(receivedOn, -rng.int(category.urgent ? 1 : 20));
    const fate = fateOf(rng, kind, { urgent: category.urgent, recent: daysAgo <= 90, named, tooOld, force: forced.force });
    return {
      ...base,
      topic: category.topic,
      category,
      ...(unit ? { equipmentRegistrationNo: unit.registrationNo } : subject ? { subjectUscc: subject.uscc, subjectName: subject.name } : { regionCode: region.code }),
      product,
      place,
      occurredOn,
      description,
      fate,
      ...forced,
    } as Planned;
  };

  const plans: Planned[] = [];
  const special: Planned[] = [];
  // The demo accounts (企业端): the first's complaint waits for its answer in mediation, the second's was answered and agreed; each had a report that led to its complaint-driven check.
  for (const [i, account] of (opts.accounts ?? []).entries()) {
    const subject: Subject = { uscc: account.uscc, name: account.enterpriseName, regionCode: '320826', address: '' };
    const product = '食品相关产品';
    special.push(plan({
      kind: 'complaint', channel: i === 0 ? 'web' : 'phone', subject, daysAgo: i === 0 ? 12 : 70, category: DEMO_CATEGORIES.find((c) => c.key === 'product_defect')!, product,
      description: i === 0 ? `在${account.enterpriseName}购买的产品包装破损、有异味，要求退货被拒绝。` : `${account.enterpriseName}销售的产品与宣传的规格不符，要求退款。`,
      fate: i === 0
        ? { decide: 2, mediate: 3, answer: null, close: null, mediationResult: undefined, substantiated: undefined }
        : { decide: 2, mediate: 3, answer: 6, close: 12, mediationResult: 'agreed', substantiated: true, rateAfter: 2, satisfied: true, answerText: ENTERPRISE_ANSWERS[0], publicResult: MEDIATION_AGREED[0] },
    }));
    const [task] = await tx
      .select({ id: inspectionTasks.id })
      .from(inspectionTasks)
      .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
      .where(and(eq(enterprises.uscc, account.uscc), eq(inspectionTasks.origin, 'complaint')))
      .limit(1);
    special.push(plan({
      kind: 'report', channel: 'transfer_12315', subject, daysAgo: 30, category: DEMO_CATEGORIES.find((c) => c.key === 'unlicensed_production')!, product,
      description: `${account.enterpriseName}生产的产品标签未标注生产许可证编号。`,
      fate: { decide: 1, verify: 9, substantiated: true, caseOpened: false, notify: 10, close: 11, publicResult: REPORT_ORDERED },
      linkTaskId: task?.id,
    }));
  }
  // Repeat subjects: three substantiated items each in the last year.
  for (const subject of repeat) for (let k = 0; k < 3; k++) special.push(plan({ kind: k === 1 ? 'report' : 'complaint', subject, force: true, daysAgo: 40 + 90 * k + rng.int(60), category: DEMO_CATEGORIES.find((c) => c.key === (k === 1 ? 'counterfeit' : 'product_defect'))! }));
  // Urgent: an elevator trapping received 20 minutes ago, not yet acknowledged (its dispatch to-do open); three acknowledged late and escalated.
  const elevator = DEMO_CATEGORIES.find((c) => c.key === 'elevator_trapping')!;
  const fresh = plan({ kind: 'report', channel: 'phone', category: elevator, daysAgo: 0 });
  fresh.receivedAt = new Date(Date.now() - 20 * 60_000);
  fresh.receivedOn = todayInChina(fresh.receivedAt);
  fresh.fate = { ackMinutes: undefined, decide: null };
  special.push(fresh);
  for (const daysAgo of [200, 95, 33]) {
    const late = plan({ kind: 'report', channel: 'phone', category: elevator, daysAgo, force: true });
    late.fate.ackMinutes = 150 + rng.int(120);
    special.push(late);
  }
  const bulk = Math.max(0, opts.count - special.length);
  for (let i = 0; i < bulk; i++) plans.push(plan());
  plans.push(...special.slice(0, opts.count));

  // Intake: routing, sealed reporter, tracking number and access code, clocks from the past receipt date, the first events.
  const created: { id: string; p: Planned }[] = [];
  for (const p of plans) {
    const input = {
      kind: p.kind,
      subjectUscc: p.subjectUscc,
      subjectName: p.subjectName,
      equipmentRegistrationNo: p.equipmentRegistrationNo,
      product: p.product,
      topic: p.topic,
      category: p.category?.key,
      regionCode: p.regionCode,
      place: p.place,
      occurredOn: p.occurredOn,
      description: p.description,
      reporter: p.reporter,
    };
    const web = p.channel === 'web' || p.channel === 'open311';
    const { id } = await services.complaints.intake.createInTx(tx, web ? { actor: null } : operatorCtx, input, { channel: p.channel, channelRef: p.channelRef, receivedOn: p.receivedOn, createdById: web ? undefined : operator.id });
    created.push({ id, p });
  }
  const rows = new Map((await tx.select().from(complaints).where(inArray(complaints.id, created.map((c) => c.id)))).map((r) => [r.id, r]));
  const wd = await workingDayIndex(services, addDays(today, -420), addDays(today, 120));
  const clocks = services.complaints.clocks;

  const events: EventRow[] = [];
  const files: (typeof complaintFiles.$inferInsert)[] = [];
  const links: (typeof complaintLinks.$inferInsert)[] = [];
  const rewardCandidates: { row: Row; closedOn: string; officer: (typeof staff)[number] }[] = [];
  let hazardLinks = 0;
  const awaitingAnswer: Row[] = [];
  for (const { id, p } of created) {
    const row = rows.get(id)!;
    const f = p.fate;
    const officer = officerOf(row.orgId);
    // Received today: earlier than now.
    const receivedAt = p.receivedAt ?? new Date(Math.max(at(p.receivedOn, 0).getTime(), Math.min(at(p.receivedOn, p.receivedMinute).getTime(), Date.now() - (1 + (p.receivedMinute % 90)) * 60_000)));
    const staffEvent = (kind: string, when: Date, extra: Partial<EventRow> = {}): EventRow => ({ complaintId: id, kind, at: when, actorKind: 'staff', actorId: officer.id, actorName: officer.displayName, ...extra });
    let step = 0;
    let last = receivedAt;
    /** The moment of a step `n` working days after receipt, or null when it has not happened by yesterday. */
    const when = (n: number | null | undefined): { date: string; at: Date } | null => {
      if (n === null || n === undefined) return null;
      const date = wd(p.receivedOn, n);
      if (date >= today) return null;
      step++;
      const planned = at(date, 9 * 60 + step * 35 + rng.int(30)).getTime();
      const moment = new Date(Math.max(planned, last.getTime() + (10 + rng.int(20)) * 60_000));
      if (todayInChina(moment) >= today) return null;
      return { date: todayInChina(moment), at: moment };
    };
    // Tracking numbers carry the day of receipt (the intake numbers by today).
    const set: Partial<typeof complaints.$inferInsert> = { receivedAt, createdAt: receivedAt, trackingNo: `TS${p.receivedOn.replaceAll('-', '')}${row.trackingNo.slice(10)}` };
    let status: ComplaintStatus = 'received';
    let version = 1;
    const act = (w: { at: Date }) => {
      version++;
      last = w.at;
      set.handlerId ??= officer.id;
      set.handlerName ??= officer.displayName;
      if (!set.acknowledgedAt) set.acknowledgedAt = w.at;
    };

    // Urgent items: acknowledged within minutes, or late and escalated to the section head.
    if (row.urgent && f.ackMinutes !== undefined) {
      const ackAt = new Date(receivedAt.getTime() + f.ackMinutes * 60_000);
      if (ackAt.getTime() < Date.now()) {
        if (f.ackMinutes > 120) {
          const escalatedAt = new Date(receivedAt.getTime() + 120 * 60_000);
          set.escalatedAt = escalatedAt;
          events.push({ complaintId: id, kind: 'escalated', at: escalatedAt, actorKind: 'system', note: '超过 2 小时未签收，已提请科室负责人督办' });
          summary.escalated++;
        }
        set.acknowledgedAt = ackAt;
        set.handlerId = officer.id;
        set.handlerName = officer.displayName;
        events.push(staffEvent('acknowledged', ackAt));
        last = ackAt;
      }
    }
    const decided = when(f.decide);
    if (decided && (p.kind === 'complaint' || p.kind === 'report')) {
      act(decided);
      if (f.refuse) {
        status = 'refused';
        Object.assign(set, { refusalReason: f.refuse, publicResult: f.refuse, publicResultApprovedBy: officer.id, decidedOn: decided.date, closedAt: decided.at });
        events.push(staffEvent('refused', decided.at, { public: true, note: f.refuse }));
        if (p.kind === 'complaint') await clocks.meet(tx, id, 'accept', decided.date);
        else await clocks.cancel(tx, id, 'verify', decided.date);
      } else if (p.kind === 'complaint') {
        status = 'accepted';
        set.decidedOn = decided.date;
        events.push(staffEvent('accepted', decided.at, { public: true }));
        await clocks.meet(tx, id, 'accept', decided.date);
        await clocks.start(tx, id, 'mediation', decided.date);
      } else {
        // A report's acceptance starts its check (its clock runs from receipt); the decision is the verification.
        status = 'verifying';
        events.push(staffEvent('verification_started', decided.at, { public: true }));
      }
    }
    if (status === 'accepted') {
      const mediated = when(f.mediate);
      if (mediated) {
        act(mediated);
        status = 'mediating';
        events.push(staffEvent('mediation_started', mediated.at, { public: true }));
        const answered = row.subjectEnterpriseId ? when(f.answer) : null;
        if (answered) {
          set.enterpriseAnswer = f.answerText ?? ENTERPRISE_ANSWERS[0];
          set.enterpriseAnsweredAt = answered.at;
          events.push({ complaintId: id, kind: 'enterprise_answered', at: answered.at, actorKind: 'enterprise', actorName: row.subjectName ?? '被投诉企业', note: set.enterpriseAnswer, public: true });
          last = answered.at;
          version++;
        } else if (row.subjectEnterpriseId) {
          awaitingAnswer.push(row);
        }
      }
      const closed = when(f.close);
      if (closed) {
        act(closed);
        // A mediation that ran is met by the closing; one that never started is cancelled.
        if (status === 'mediating') {
          await clocks.meet(tx, id, 'mediation', closed.date);
          set.mediationResult = f.mediationResult ?? 'agreed';
          if (awaitingAnswer.at(-1)?.id === id) awaitingAnswer.pop();
        } else {
          await clocks.cancel(tx, id, 'mediation', closed.date);
        }
        Object.assign(set, { status: 'closed', substantiated: f.substantiated ?? false, publicResult: f.publicResult, publicResultApprovedBy: officer.id, result: f.publicResult, closedAt: closed.at });
        status = 'closed';
        events.push(staffEvent('closed', closed.at, { public: true, note: f.publicResult }));
      }
    } else if (status === 'verifying') {
      const extended = when(f.extend);
      if (extended && (await clocks.extend(tx, id, 'verify', 15, sectionHead.id))) {
        act(extended);
        events.push(staffEvent('extended', extended.at, { public: true, actorId: sectionHead.id, actorName: sectionHead.displayName, note: '涉及多个经营场所，需调取外地证据，经科室负责人批准延长15个工作日' }));
      }
      const verified = when(f.verify);
      if (verified) {
        act(verified);
        Object.assign(set, { decidedOn: verified.date, substantiated: f.substantiated ?? false, caseOpened: f.caseOpened ?? false, result: f.publicResult });
        await clocks.meet(tx, id, 'verify', verified.date);
        events.push(staffEvent('verified', verified.at, { public: true, note: `${f.substantiated ? '举报属实' : '举报不属实'}；${f.caseOpened ? '已立案' : '未立案'}` }));
        if (!row.anonymous) await clocks.start(tx, id, 'notify', verified.date);
        if (p.linkTaskId) {
          links.push({ complaintId: id, targetType: 'inspection_task', targetId: p.linkTaskId, label: `${row.subjectName ?? ''} 投诉举报核查任务`, createdById: officer.id, createdByName: officer.displayName, createdAt: verified.at });
          events.push(staffEvent('linked', verified.at, { note: '检查任务' }));
        } else if (f.substantiated && row.equipmentId && hazardLinks < 6) {
          // The verification found a hazard on the unit: recorded as a hazard of source `complaint`, linked.
          hazardLinks++;
          const correctionDueOn = addDays(verified.date, 15);
          const [hazard] = await tx
            .insert(equipmentHazards)
            .values({
              equipmentId: row.equipmentId,
              userUscc: row.subjectUscc ?? '',
              regionCode: row.regionCode,
              source: 'complaint',
              foundOn: verified.date,
              description: `投诉举报核查发现：${p.category?.key === 'elevator_trapping' ? '电梯困人故障，维保单位未按规定响应' : '设备超期未检仍在使用'}`,
              level: p.category?.urgent ? 'major' : 'general',
              correctionDueOn,
              correctedOn: correctionDueOn < today ? addDays(verified.date, 3 + rng.int(10)) : null,
              correctionNote: correctionDueOn < today ? '已整改，整改前后照片存档' : null,
              correctedByKind: correctionDueOn < today ? 'enterprise' : null,
              createdByName: officer.displayName,
              createdAt: verified.at,
            })
            .returning({ id: equipmentHazards.id });
          links.push({ complaintId: id, targetType: 'equipment_hazard', targetId: hazard!.id, label: `特种设备隐患：${row.equipmentRegistrationNo ?? ''}`, createdById: officer.id, createdByName: officer.displayName, createdAt: verified.at });
          events.push(staffEvent('linked', verified.at, { note: '特种设备隐患' }));
        }
        const notified = row.anonymous ? null : when(f.notify);
        if (notified) {
          act(notified);
          await clocks.meet(tx, id, 'notify', notified.date);
          events.push(staffEvent('reporter_notified', notified.at, { public: true, note: rng.chance(0.7) ? '电话告知' : '短信告知' }));
        }
        const closed = row.anonymous || notified ? when(f.close) : null;
        if (closed) {
          act(closed);
          Object.assign(set, { status: 'closed', publicResult: f.publicResult, publicResultApprovedBy: officer.id, closedAt: closed.at });
          status = 'closed';
          events.push(staffEvent('closed', closed.at, { public: true, note: f.publicResult }));
          if (f.substantiated && f.caseOpened && !row.anonymous) rewardCandidates.push({ row, closedOn: closed.date, officer });
        }
      }
    } else if (p.kind === 'enquiry' || p.kind === 'suggestion') {
      const closed = when(f.close);
      if (closed) {
        act(closed);
        Object.assign(set, { status: 'closed', publicResult: f.publicResult, publicResultApprovedBy: officer.id, result: f.publicResult, decidedOn: closed.date, closedAt: closed.at });
        status = 'closed';
        events.push(staffEvent('closed', closed.at, { public: true, note: f.publicResult }));
      }
    }
    // The reporter's addition while it was open, their satisfaction after closing.
    const added = f.addition !== null && f.addition !== undefined ? wd(p.receivedOn, f.addition) : null;
    if (added && added < today && (status !== 'closed' || added < (set.closedAt as Date).toISOString().slice(0, 10))) {
      events.push({ complaintId: id, kind: 'addition', at: at(added, 20 * 60 + rng.int(120)), actorKind: 'public', public: true, note: rng.pick(ADDITIONS) });
    }
    if (status === 'closed' && f.rateAfter !== null && f.rateAfter !== undefined) {
      const closedAt = set.closedAt as Date;
      const ratedAt = new Date(closedAt.getTime() + f.rateAfter * 86_400_000 + rng.int(600) * 60_000);
      if (ratedAt.getTime() < Date.now()) {
        const comment = f.satisfied ? rng.pick(SATISFIED_COMMENTS) : rng.pick(UNSATISFIED_COMMENTS);
        Object.assign(set, { satisfied: f.satisfied ?? true, satisfactionComment: comment, satisfactionAt: ratedAt });
        events.push({ complaintId: id, kind: 'satisfaction', at: ratedAt, actorKind: 'public', public: true });
        summary.satisfaction++;
        if (ratedAt > last) last = ratedAt;
      }
    }
    if (status === 'refused' && f.rateAfter !== null && f.rateAfter !== undefined) {
      const ratedAt = new Date(last.getTime() + f.rateAfter * 86_400_000);
      if (ratedAt.getTime() < Date.now()) {
        Object.assign(set, { satisfied: f.satisfied ?? false, satisfactionComment: null, satisfactionAt: ratedAt });
        events.push({ complaintId: id, kind: 'satisfaction', at: ratedAt, actorKind: 'public', public: true });
        summary.satisfaction++;
      }
    }
    if (p.photo) files.push({ complaintId: id, source: 'reporter', fileName: '现场照片.png', contentType: 'image/png', size: PHOTO.length, content: PHOTO, createdAt: receivedAt });
    set.status = status;
    set.version = version;
    set.updatedAt = last;
    await tx.update(complaints).set(set).where(eq(complaints.id, id));
    summary.items++;
    summary.byKind[p.kind] = (summary.byKind[p.kind] ?? 0) + 1;
    summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
    summary.byChannel[p.channel] = (summary.byChannel[p.channel] ?? 0) + 1;
    if (row.urgent) summary.urgent++;
  }
  // The intake's first events (received, routed) at the past receipt.
  await tx.execute(sql`update complaint_events e set at = c.received_at from complaints c where c.id = e.complaint_id and e.kind in ('received', 'routed')`);
  // Urgent items acknowledged: their dispatch and escalation to-dos are done with.
  for (const { id } of created) {
    const row = rows.get(id)!;
    if (!row.urgent || !(await acknowledged(tx, id))) continue;
    await services.todos.resolveSubject(tx, 'complaint.urgent', id);
    await services.todos.resolveSubject(tx, 'complaint.escalated', id);
  }
  for (let i = 0; i < events.length; i += 1000) await tx.insert(complaintEvents).values(events.slice(i, i + 1000));
  if (files.length) await tx.insert(complaintFiles).values(files);
  if (links.length) await tx.insert(complaintLinks).values(links).onConflictDoNothing();
  summary.links = links.length;
  summary.hazards = hazardLinks;

  // One reward (举报奖励), paid: the most recent substantiated report with a case, closed at least 20 days ago.
  const candidate = rewardCandidates.filter((c) => addDays(c.closedOn, 20) < today).sort((a, b) => b.closedOn.localeCompare(a.closedOn))[0];
  const [rules] = await tx.select({ version: complaintRewardRules.version }).from(complaintRewardRules).orderBy(sql`${complaintRewardRules.version} desc`).limit(1);
  if (candidate && rules) {
    const proposedAt = at(addDays(candidate.closedOn, 3), 10 * 60);
    const decidedAt = at(addDays(candidate.closedOn, 7), 15 * 60);
    const paidOn = addDays(candidate.closedOn, 18);
    await tx.insert(complaintRewards).values({
      complaintId: candidate.row.id, rulesVersion: rules.version, basis: 'fine_percent', caseFine: '30000.00', amount: '1500.00', reason: '举报属实并立案查处，按罚没款的 5% 计发', status: 'paid',
      proposedById: candidate.officer.id, proposedByName: candidate.officer.displayName, proposedAt, decidedById: sectionHead.id, decidedByName: sectionHead.displayName, decidedAt, decisionNote: '同意', paidOn, paymentRef: `JL${paidOn.replaceAll('-', '')}001`, version: 3,
    });
    const e = { complaintId: candidate.row.id, actorKind: 'staff' as const };
    await tx.insert(complaintEvents).values([
      { ...e, kind: 'reward_proposed', at: proposedAt, actorId: candidate.officer.id, actorName: candidate.officer.displayName, note: `申请举报奖励 1500.00 元（罚没款 30000.00 元的 5%，规则第 ${rules.version} 版）` },
      { ...e, kind: 'reward_approved', at: decidedAt, actorId: sectionHead.id, actorName: sectionHead.displayName, note: '批准举报奖励 1500.00 元', public: true },
      { ...e, kind: 'reward_paid', at: at(paidOn, 11 * 60), actorId: candidate.officer.id, actorName: candidate.officer.displayName, note: `举报奖励 1500.00 元已于 ${paidOn} 发放`, public: true },
    ]);
    summary.rewardsPaid = 1;
  }
  // Mediations waiting for the enterprise's answer: its to-do, as the mediate action raises it.
  for (const row of awaitingAnswer) {
    const [clock] = (await clocks.of(tx, row.id)).filter((c) => c.kind === 'mediation');
    const trackingNo = (await tx.select({ trackingNo: complaints.trackingNo }).from(complaints).where(eq(complaints.id, row.id)))[0]!.trackingNo;
    await services.todos.raise(tx, 'complaint.mediation', [
      { key: `complaint.mediation:${row.id}`, subjectType: 'complaint', subjectId: row.id, title: `投诉调解：${trackingNo}，请答复`, params: { trackingNo }, link: `/my/complaints/${row.id}`, dueOn: clock?.dueOn ?? null, dueCertain: clock?.dueCertain ?? true, orgId: null, sectionId: null, enterpriseUscc: row.subjectUscc, regionCode: row.regionCode },
    ]);
  }
  // The clocks' to-dos (near or past a deadline), as the daily job makes them.
  await services.complaints.routing.syncClockTodos(undefined, { tx });
  // Repeat subjects marked for targeted inspection, as the daily job does.
  await services.complaints.stats.markRepeatSubjects(today);
  const [{ overdue }] = (await tx
    .select({ overdue: sql<number>`count(distinct ${complaintDeadlines.complaintId})::int` })
    .from(complaintDeadlines)
    .where(and(isNull(complaintDeadlines.metOn), isNull(complaintDeadlines.cancelledOn), lt(complaintDeadlines.dueOn, today)))) as [{ overdue: number }];
  summary.overdue = overdue;
  await tx.execute(sql`analyze complaints`);
  return summary;
}

async function acknowledged(tx: Db, id: string) {
  const [r] = await tx.select({ at: complaints.acknowledgedAt }).from(complaints).where(eq(complaints.id, id));
  return !!r?.at;
}


/** The demo summary's lines about complaints (printed by `npm run demo`). */
export function formatComplaintsSummary(c: ComplaintsDemoSummary): string[] {
  const list = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k} ${n}`).join(', ');
  if (c.items === 0) return ['no complaints or reports (ZJ_DEMO_COMPLAINTS=0)'];
  return [
    `${c.items} complaints and reports (${list(c.byKind)}) over the past year; by status: ${list(c.byStatus)}`,
    `  by channel: ${list(c.byChannel)}; ${c.urgent} urgent (${c.escalated} escalated), ${c.overdue} open past a deadline, ${c.satisfaction} rated, ${c.rewardsPaid} reward paid, ${c.links} links to tasks and hazards`,
  ];
}
