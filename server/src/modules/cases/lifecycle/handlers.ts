import { Type } from '@sinclair/typebox';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll } from '../../../db/sql.js';
import { nextDocumentNo } from '../../../platform/documents/numbering.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { AppError } from '../../../platform/http/errors.js';
import { DateString, Id, Nullable, literals } from '../../../platform/http/schemas.js';
import { maskName } from '../../../platform/secrets/personal-data.js';
import { checkText, invalid, orThrow, requireDate, requireText } from '../../../platform/validation/fields.js';
import { bureauOf } from '../bureau.js';
import type { CasesDeps } from '../cases.deps.js';
import { EVIDENCE_KINDS, type EvidenceKind, type IntendedPenalty, PENALTY_TYPES, type Penalty, caseEvidence, cases } from '../cases.schema.js';
import type { ActionHandler, ActionHandlers, CaseRow } from './actions.js';
import { DECISION_STAGES, MEASURE_MAX_DAYS, makeCaseClocks } from './clocks.js';
import { ACTION_LABELS, STAGE_LABELS } from './labels.js';

export const NOTE_MAX = 2000;
export const TEXT_MAX = 20000;
/** At most this many officers are named on one act. */
export const OFFICERS_MAX = 10;

const Officers = Type.Array(Id, { minItems: 2, maxItems: OFFICERS_MAX, uniqueItems: true, description: '执法人员（至少两名）的用户 id' });
const Note = Type.String({ maxLength: NOTE_MAX });

/** One penalty (the notice's intended penalty; the decision's penalties). */
export const PenaltySchema = Type.Object(
  {
    type: literals(PENALTY_TYPES),
    amount: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e11, description: '金额（元）：罚款、没收违法所得' }))),
    licenceId: Type.Optional(Nullable(Id)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const IntendedPenaltySchema = Type.Object(
  {
    penalties: Type.Array(PenaltySchema, { minItems: 1, maxItems: PENALTY_TYPES.length }),
    wording: Type.String({ maxLength: 1000, description: '拟处罚内容的表述，如 拟处罚款人民币5000元' }),
    violation: Type.String({ maxLength: 2000 }),
    legalBasis: Type.String({ maxLength: 2000 }),
    discretionRuleKey: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    discretionLevel: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);

/** 409 INVALID_TRANSITION: the action does not apply to the case's stage (contract: details `{ stage, action }`). */
export const invalidTransition = (c: Pick<CaseRow, 'stage'>, action: string) =>
  new AppError('INVALID_TRANSITION', `案件处于“${STAGE_LABELS[c.stage]}”阶段，不能${ACTION_LABELS[action as keyof typeof ACTION_LABELS] ?? action}`, 409, { stage: c.stage, action });

const conflict = (code: string, message: string) => new AppError(code, message, 409);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A date of the act: given or today; not after today, not before `notBefore` (400 on the field). */
function actDate(value: unknown, field: string, label: string, notBefore?: { date: string | null; label: string }): string {
  const today = todayInChina();
  const date = value === undefined || value === null ? today : requireDate(str(value), field, label);
  if (date > today) throw invalid(field, `${label}不能晚于今天`);
  if (notBefore?.date && date < notBefore.date) throw invalid(field, `${label}不能早于${notBefore.label}（${notBefore.date}）`);
  return date;
}

/** Whether a lead source names a record of another module (and needs its adapter). */
export const LINKED_SOURCES = ['unlicensed_lead', 'inspection_finding', 'complaint', 'equipment_hazard', 'spot_check'] as const;

export const leadSourceUnavailable = (source: string) =>
  new AppError('LEAD_SOURCE_UNAVAILABLE', '该线索来源尚未接入案件办理，暂不能从此类线索立案', 400, { field: 'leadSource', leadSource: source });

/** Money in yuan with at most two decimals. */
const cents = (n: number) => Math.round(n * 100);

/** The money still due: amountDue − amountPaid in cents. */
export const centsOutstanding = (c: Pick<CaseRow, 'amountDue' | 'amountPaid'>) => cents(Number(c.amountDue ?? 0)) - cents(Number(c.amountPaid ?? 0));

/**
 * The lifecycle's actions (API-SPEC's table, part "lifecycle"): open, decline, extend, add_evidence,
 * submit_review, review, notify, record_defence, hold_hearing, serve, record_payment,
 * apply_enforcement, close. The dispatcher (cases.service.ts) checks the permission, the stage and
 * `allowed`, then writes what `run` returns with its event and audit record.
 */
export function makeLifecycleHandlers(deps: CasesDeps): ActionHandlers {
  const clocks = makeCaseClocks(deps);

  /** The named officers: distinct, at least two, each an active user the actor can see (400 on `field` otherwise). */
  async function officers(tx: Db, actor: Actor, value: unknown, field: string): Promise<{ ids: string[]; names: string[] }> {
    const ids = Array.isArray(value) ? [...new Set(value.filter((x): x is string => typeof x === 'string'))] : [];
    if (ids.length < 2) throw invalid(field, '执法人员不得少于两人', 'TWO_OFFICERS_REQUIRED');
    const names: string[] = [];
    for (const id of ids) {
      const user = await deps.users.get(actor, id, tx).catch(() => null);
      if (!user?.active) throw invalid(field, '执法人员不存在、已停用或不在您的辖区');
      names.push(user.displayName);
    }
    return { ids, names };
  }

  /** `<short>罚告〔year〕n号`: numbered per bureau and year (platform/documents/numbering.ts). */
  async function nextNoticeNo(tx: Db, orgId: string, year: number) {
    const { short } = await bureauOf(tx, orgId);
    return nextDocumentNo(tx, cases.noticeNo, `${short}罚告〔${year}〕`);
  }

  /** The lead's module, told of the outcome (a linked source without its adapter: 400 LEAD_SOURCE_UNAVAILABLE). */
  function adapterOf(c: CaseRow) {
    if (!c.leadId || !(LINKED_SOURCES as readonly string[]).includes(c.leadSource)) return null;
    const adapter = deps.leadSources[c.leadSource];
    if (!adapter) throw leadSourceUnavailable(c.leadSource);
    return adapter;
  }

  function checkPenalties(value: unknown): Penalty[] {
    const list = Array.isArray(value) ? (value as Penalty[]) : [];
    if (!list.length) throw invalid('intendedPenalty.penalties', '请填写拟作出的处罚');
    const seen = new Set<string>();
    return list.map((p, i) => {
      if (seen.has(p.type)) throw invalid(`intendedPenalty.penalties.${i}.type`, '处罚种类重复');
      seen.add(p.type);
      const needsAmount = p.type === 'fine' || p.type === 'confiscation_gains';
      if (needsAmount && !(typeof p.amount === 'number' && p.amount > 0)) throw invalid(`intendedPenalty.penalties.${i}.amount`, '罚款、没收违法所得须填写大于零的金额');
      if (typeof p.amount === 'number' && cents(p.amount) / 100 !== p.amount) throw invalid(`intendedPenalty.penalties.${i}.amount`, '金额至多两位小数');
      return { type: p.type, amount: needsAmount ? p.amount! : null, licenceId: p.licenceId ?? null, note: p.note?.trim() || null };
    });
  }

  const open: ActionHandler = {
    permission: 'case.approve',
    stages: ['lead'],
    input: { openedOn: Type.Optional(DateString), investigatorIds: Officers, note: Type.Optional(Nullable(Note)) },
    async run({ tx, ctx, case: c }, input) {
      const openedOn = actDate(input.openedOn, 'openedOn', '立案日期', { date: c.foundOn, label: '发现线索的日期' });
      const team = await officers(tx, ctx.actor, input.investigatorIds, 'investigatorIds');
      const due = clocks.decisionDue(openedOn);
      const note = orThrow(checkText(str(input.note), 'note', '立案意见', { max: NOTE_MAX, required: false }));
      const adapter = adapterOf(c);
      return {
        to: 'investigating',
        patch: { openedOn, openedById: ctx.actor.userId, openedByName: ctx.actor.name, investigatorIds: team.ids, investigatorNames: team.names, decisionDueOn: due.date, decisionDueCertain: due.certain },
        note,
        data: { openedOn, investigatorIds: team.ids, decisionDueOn: due.date },
        after: adapter?.opened ? (t, updated) => adapter.opened!(t, ctx, c.leadId!, { id: updated.id, caseNo: updated.caseNo }) : undefined,
      };
    },
  };

  const decline: ActionHandler = {
    permission: 'case.approve',
    stages: ['lead'],
    input: { reason: Type.String({ minLength: 1, maxLength: NOTE_MAX }) },
    async run({ ctx, case: c }, input) {
      const reason = requireText(str(input.reason), 'reason', '不予立案的理由', NOTE_MAX);
      const adapter = adapterOf(c);
      return {
        to: 'declined',
        patch: { declinedOn: todayInChina(), declineReason: reason },
        note: reason,
        after: adapter?.declined ? (t, updated) => adapter.declined!(t, ctx, c.leadId!, { id: updated.id, caseNo: updated.caseNo, reason }) : undefined,
      };
    },
  };

  const extend: ActionHandler = {
    permission: 'case.approve',
    stages: ['lead', ...DECISION_STAGES],
    input: { kind: literals(['lead', 'decision'] as const), reason: Type.String({ minLength: 1, maxLength: NOTE_MAX }) },
    async run({ tx, case: c }, input) {
      const reason = requireText(str(input.reason), 'reason', '延期理由', NOTE_MAX);
      if (input.kind === 'lead') {
        if (c.stage !== 'lead') throw invalidTransition(c, 'extend');
        if (c.leadExtended) throw conflict('ALREADY_EXTENDED', '立案决定期限已延长过一次，不能再延长');
        const due = await clocks.leadExtended(tx, c);
        return { patch: { leadDueOn: due.date, leadDueCertain: due.certain, leadExtended: true }, note: reason, data: { kind: 'lead', from: c.leadDueOn, dueOn: due.date, certain: due.certain } };
      }
      if (!DECISION_STAGES.includes(c.stage) || !c.decisionDueOn) throw invalidTransition(c, 'extend');
      if (c.decisionExtended) throw conflict('ALREADY_EXTENDED', '处罚决定期限已延长过一次，不能再延长');
      const due = clocks.decisionExtended(c);
      return { patch: { decisionDueOn: due.date, decisionDueCertain: due.certain, decisionExtended: true }, note: reason, data: { kind: 'decision', from: c.decisionDueOn, dueOn: due.date, certain: due.certain } };
    },
  };

  const addEvidence: ActionHandler = {
    permission: 'case.write',
    stages: ['investigating'],
    input: {
      kind: literals(EVIDENCE_KINDS),
      title: Type.String({ minLength: 1, maxLength: 200 }),
      description: Type.Optional(Nullable(Note)),
      collectedOn: DateString,
      place: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
      officerIds: Officers,
      interviewee: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '被询问人姓名（加密保存，显示时脱敏）' }))),
      content: Type.Optional(Nullable(Type.String({ maxLength: TEXT_MAX }))),
      measureStartOn: Type.Optional(Nullable(DateString)),
      measureEndOn: Type.Optional(Nullable(DateString)),
    },
    async run({ tx, ctx, case: c }, input) {
      const kind = input.kind as EvidenceKind;
      const title = requireText(str(input.title), 'title', '证据名称', 200);
      const collectedOn = actDate(input.collectedOn, 'collectedOn', '取证日期', { date: c.foundOn, label: '发现线索的日期' });
      const team = await officers(tx, ctx.actor, input.officerIds, 'officerIds');
      const interviewee = orThrow(checkText(str(input.interviewee), 'interviewee', '被询问人', { max: 100, required: kind === 'inquiry' }));
      if (interviewee && kind !== 'inquiry') throw invalid('interviewee', '只有询问笔录有被询问人');
      const measure = kind === 'seizure' || kind === 'sealing';
      const start = str(input.measureStartOn) ?? null;
      const end = str(input.measureEndOn) ?? null;
      if (measure) {
        if (!start) throw invalid('measureStartOn', '请填写查封、扣押的起始日期');
        if (!end) throw invalid('measureEndOn', '请填写查封、扣押的届满日期');
        requireDate(start, 'measureStartOn', '起始日期');
        requireDate(end, 'measureEndOn', '届满日期');
        if (end < start) throw invalid('measureEndOn', '届满日期不能早于起始日期');
        if (end > addDays(start, MEASURE_MAX_DAYS)) throw invalid('measureEndOn', `查封、扣押的期限不得超过 ${MEASURE_MAX_DAYS} 日`);
      } else if (start || end) {
        throw invalid(start ? 'measureStartOn' : 'measureEndOn', '只有查封、扣押有期限');
      }
      const org = await bureauOf(tx, ctx.actor.orgId);
      const [row] = await tx
        .insert(caseEvidence)
        .values({
          caseId: c.id,
          kind,
          title,
          description: orThrow(checkText(str(input.description), 'description', '说明', { max: NOTE_MAX, required: false })),
          collectedOn,
          place: orThrow(checkText(str(input.place), 'place', '地点', { max: 200, required: false })),
          officerIds: team.ids,
          officerNames: team.names,
          intervieweeSealed: interviewee ? deps.personal.seal(interviewee) : null,
          intervieweeMasked: interviewee ? maskName(interviewee) : null,
          content: orThrow(checkText(str(input.content), 'content', '笔录内容', { max: TEXT_MAX, required: false })),
          measureStartOn: measure ? start : null,
          measureEndOn: measure ? end : null,
          producedByOrgId: ctx.actor.orgId,
          producedByName: org.name,
          createdById: ctx.actor.userId,
          createdByName: ctx.actor.name,
        })
        .returning({ id: caseEvidence.id });
      return { note: title, data: { evidenceId: row!.id, kind, collectedOn, officerIds: team.ids, ...(measure ? { measureStartOn: start, measureEndOn: end } : {}) } };
    },
  };

  const submitReview: ActionHandler = {
    permission: 'case.write',
    stages: ['investigating'],
    input: { note: Type.Optional(Nullable(Note)) },
    async run({ tx, case: c }, input) {
      const [count] = await tx.select({ n: countAll }).from(caseEvidence).where(eq(caseEvidence.caseId, c.id));
      if (!count?.n) throw conflict('EVIDENCE_REQUIRED', '请先登记至少一项证据再提交审核');
      const note = orThrow(checkText(str(input.note), 'note', '说明', { max: NOTE_MAX, required: false }));
      return { to: 'reviewing', patch: { reviewerId: null, reviewerName: null, reviewedOn: null, reviewResult: null, reviewOpinion: null }, note, data: { evidence: count.n } };
    },
  };

  const review: ActionHandler = {
    permission: 'case.review',
    stages: ['reviewing'],
    input: { result: literals(['approved', 'returned'] as const), opinion: Type.String({ minLength: 1, maxLength: NOTE_MAX }) },
    allowed(c, ctx) {
      if (c.reviewResult === 'approved') return { code: 'ALREADY_REVIEWED', message: '案件已审核通过' };
      if (ctx.actor.userId && c.investigatorIds.includes(ctx.actor.userId)) return { code: 'SELF_REVIEW', message: '办案人员不能审核本人办理的案件' };
      return null;
    },
    async run({ ctx }, input) {
      const opinion = requireText(str(input.opinion), 'opinion', '审核意见', NOTE_MAX);
      const result = input.result as 'approved' | 'returned';
      return {
        to: result === 'returned' ? 'investigating' : undefined,
        patch: { reviewerId: ctx.actor.userId, reviewerName: ctx.actor.name, reviewedOn: todayInChina(), reviewResult: result, reviewOpinion: opinion },
        note: opinion,
        data: { result },
      };
    },
  };

  const notify: ActionHandler = {
    permission: 'case.write',
    stages: ['reviewing'],
    input: { notifiedOn: Type.Optional(DateString), intendedPenalty: IntendedPenaltySchema, officerIds: Officers },
    allowed: (c) => (c.reviewResult === 'approved' ? null : { code: 'REVIEW_REQUIRED', message: '案件须经法制审核通过后才能告知' }),
    async run({ tx, ctx, case: c }, input) {
      const notifiedOn = actDate(input.notifiedOn, 'notifiedOn', '告知日期', { date: c.reviewedOn, label: '审核日期' });
      const ip = (input.intendedPenalty ?? {}) as Record<string, unknown>;
      const intendedPenalty: IntendedPenalty = {
        penalties: checkPenalties(ip.penalties),
        wording: requireText(str(ip.wording), 'intendedPenalty.wording', '拟处罚内容', 1000),
        violation: requireText(str(ip.violation), 'intendedPenalty.violation', '违法事实', 2000),
        legalBasis: requireText(str(ip.legalBasis), 'intendedPenalty.legalBasis', '法律依据', 2000),
        discretionRuleKey: str(ip.discretionRuleKey)?.trim() || null,
        discretionLevel: str(ip.discretionLevel)?.trim() || null,
      };
      const team = await officers(tx, ctx.actor, input.officerIds, 'officerIds');
      const due = await clocks.defenceDue(tx, notifiedOn);
      const noticeNo = await nextNoticeNo(tx, c.orgId, Number(notifiedOn.slice(0, 4)));
      return {
        to: 'notified',
        patch: { noticeNo, notifiedOn, intendedPenalty, defenceDueOn: due.date, defenceDueCertain: due.certain, defenceRecordedOn: null, defenceStatement: null, hearingRequested: false },
        note: intendedPenalty.wording,
        data: { noticeNo, notifiedOn, defenceDueOn: due.date, certain: due.certain, officerIds: team.ids, officerNames: team.names },
      };
    },
  };

  const recordDefence: ActionHandler = {
    permission: 'case.write',
    stages: ['notified'],
    input: { statement: Type.Optional(Nullable(Type.String({ maxLength: TEXT_MAX }))), hearingRequested: Type.Boolean() },
    allowed: (c) => (c.defenceRecordedOn ? { code: 'DEFENCE_RECORDED', message: '已记录当事人的陈述申辩' } : null),
    async run({ case: c }, input) {
      const today = todayInChina();
      const hearingRequested = input.hearingRequested === true;
      if (hearingRequested && c.defenceDueOn && today > c.defenceDueOn) throw conflict('DEFENCE_PERIOD_OVER', `当事人须在 ${c.defenceDueOn} 前提出听证要求，已逾期`);
      const statement = orThrow(checkText(str(input.statement), 'statement', '陈述申辩', { max: TEXT_MAX, required: false }));
      return {
        to: hearingRequested ? 'hearing' : undefined,
        patch: { defenceRecordedOn: today, defenceStatement: statement, hearingRequested },
        note: hearingRequested ? '当事人要求听证' : statement ? '当事人提出陈述申辩' : '当事人放弃陈述申辩',
        data: { hearingRequested, statement: statement !== null },
      };
    },
  };

  const holdHearing: ActionHandler = {
    permission: 'case.write',
    stages: ['hearing'],
    input: { heldOn: DateString, record: Type.String({ minLength: 1, maxLength: TEXT_MAX }) },
    allowed: (c) => (c.hearingHeldOn ? { code: 'HEARING_HELD', message: '听证已举行' } : null),
    async run({ case: c }, input) {
      const heldOn = actDate(input.heldOn, 'heldOn', '听证日期', { date: c.notifiedOn, label: '告知日期' });
      const record = requireText(str(input.record), 'record', '听证笔录', TEXT_MAX);
      return { patch: { hearingHeldOn: heldOn, hearingRecord: record }, data: { heldOn } };
    },
  };

  const serve: ActionHandler = {
    permission: 'case.write',
    stages: ['decided'],
    input: { servedOn: DateString, method: Type.String({ minLength: 1, maxLength: 50, description: '送达方式：直接送达、留置送达、邮寄送达、电子送达、公告送达…' }), officerIds: Officers },
    async run({ tx, ctx, case: c }, input) {
      const servedOn = actDate(input.servedOn, 'servedOn', '送达日期', { date: c.decidedOn, label: '决定日期' });
      const method = requireText(str(input.method), 'method', '送达方式', 50);
      const team = await officers(tx, ctx.actor, input.officerIds, 'officerIds');
      return { to: 'served', patch: { servedOn, serviceMethod: method }, note: method, data: { servedOn, method, officerIds: team.ids, officerNames: team.names } };
    },
  };

  const nothingDue = (c: CaseRow) => (centsOutstanding(c) <= 0 ? { code: 'NOTHING_DUE', message: '没有待缴纳的罚没款' } : null);

  const recordPayment: ActionHandler = {
    permission: 'case.write',
    stages: ['served', 'executing'],
    input: { amount: Type.Number({ minimum: 0.01, maximum: 1e11, description: '金额（元，大于零，至多两位小数）' }), paidOn: DateString },
    allowed: nothingDue,
    async run({ case: c }, input) {
      const amount = Number(input.amount);
      if (!(amount > 0) || cents(amount) / 100 !== amount) throw invalid('amount', '金额应大于零，至多两位小数');
      const outstanding = centsOutstanding(c);
      if (cents(amount) > outstanding) throw invalid('amount', `缴款金额超过尚欠金额（${(outstanding / 100).toFixed(2)} 元）`, 'AMOUNT_EXCEEDS_DUE');
      const paidOn = actDate(input.paidOn, 'paidOn', '缴款日期', { date: c.decidedOn, label: '决定日期' });
      const paid = (cents(Number(c.amountPaid)) + cents(amount)) / 100;
      return { to: 'executing', patch: { amountPaid: paid.toFixed(2), paidOn }, data: { amount, paidOn, amountPaid: paid } };
    },
  };

  const applyEnforcement: ActionHandler = {
    permission: 'case.write',
    stages: ['served', 'executing'],
    input: { appliedOn: DateString, court: Type.String({ minLength: 1, maxLength: 200 }) },
    allowed: (c) => (c.enforcementAppliedOn ? { code: 'ENFORCEMENT_APPLIED', message: '已申请强制执行' } : nothingDue(c)),
    async run({ case: c }, input) {
      const appliedOn = actDate(input.appliedOn, 'appliedOn', '申请日期', { date: c.servedOn, label: '送达日期' });
      const court = requireText(str(input.court), 'court', '法院', 200);
      return { to: 'executing', patch: { enforcementAppliedOn: appliedOn, enforcementCourt: court }, note: court, data: { appliedOn, court } };
    },
  };

  const close: ActionHandler = {
    permission: 'case.approve',
    stages: ['served', 'executing'],
    input: { closingSummary: Type.String({ minLength: 1, maxLength: TEXT_MAX }), closedOn: Type.Optional(DateString) },
    allowed: (c) => (centsOutstanding(c) > 0 && !c.enforcementAppliedOn ? { code: 'NOT_EXECUTED', message: '罚没款尚未缴清，也未申请法院强制执行，不能结案' } : null),
    async run({ case: c }, input) {
      const closedOn = actDate(input.closedOn, 'closedOn', '结案日期', { date: c.servedOn, label: '送达日期' });
      const closingSummary = requireText(str(input.closingSummary), 'closingSummary', '结案报告', TEXT_MAX);
      return { to: 'closed', patch: { closedOn, closingSummary }, data: { closedOn } };
    },
  };

  return {
    open,
    decline,
    extend,
    add_evidence: addEvidence,
    submit_review: submitReview,
    review,
    notify,
    record_defence: recordDefence,
    hold_hearing: holdHearing,
    serve,
    record_payment: recordPayment,
    apply_enforcement: applyEnforcement,
    close,
  };
}

/** Cases of one lead not declined or closed: at most one (409 LEAD_ALREADY_CASE). */
export const openCaseOfLead = (source: string, leadId: string) => and(eq(cases.leadSource, source as CaseRow['leadSource']), eq(cases.leadId, leadId), sql`${cases.stage} not in ('declined', 'closed')`);
