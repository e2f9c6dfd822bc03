import { Type } from '@sinclair/typebox';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { lockDocumentNumbers, nextDocumentNo } from '../../../platform/documents/numbering.js';
import { AppError } from '../../../platform/http/errors.js';
import { DateString, Id, Nullable, literals } from '../../../platform/http/schemas.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { bureauOf } from '../bureau.js';
import type { CasesDeps } from '../cases.deps.js';
import { PENALTY_TYPES, type Penalty, type PenaltyType, cases } from '../cases.schema.js';
import type { ActionHandler, CaseRow } from '../lifecycle/actions.js';
import type { PublicationService } from '../publication/publication.service.js';
import { type DiscretionService, PENALTY_LABELS } from './discretion.service.js';

/** Money in yuan: at most this much on one penalty. */
export const MAX_AMOUNT = 1e11;
export const DOCUMENT_NO_MAX = 60;

const DecisionPenalty = Type.Object(
  {
    type: literals(PENALTY_TYPES),
    amount: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: MAX_AMOUNT, description: '金额（元，最多两位小数）：罚款、没收违法所得必填且大于 0' }))),
    licenceId: Type.Optional(Nullable(Id)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500, description: '说明，如没收的物品、停产停业的范围和期限' }))),
  },
  { additionalProperties: false },
);

/** The `decide` action's input (besides `action`). */
export const DECIDE_INPUT = {
  decidedOn: Type.Optional(DateString),
  penalties: Type.Array(DecisionPenalty, { minItems: 1, maxItems: PENALTY_TYPES.length, description: '处罚种类（每种至多一项）；吊销许可证须给出 licenceId' }),
  penaltyText: Type.Optional(Type.String({ maxLength: 1000, description: '处罚内容的表述；省略时按处罚种类生成，如 罚款人民币5000元；没收违法所得人民币1200元' })),
  violation: Type.String({ minLength: 1, maxLength: 2000, description: '认定的违法事实' }),
  legalBasis: Type.String({ minLength: 1, maxLength: 2000, description: '处罚依据' }),
  discretionRuleKey: Type.String({ minLength: 1, maxLength: 100 }),
  discretionLevel: Type.String({ minLength: 1, maxLength: 40 }),
  documentNo: Type.Optional(Type.String({ minLength: 1, maxLength: DOCUMENT_NO_MAX, description: '决定书文号；省略时按 <简称>罚〔年〕n号 编号' })),
};

/** 5000 → 5000, 1200.5 → 1200.50. */
export const formatYuan = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

const isCents = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/** The licence a revocation names, as the licence module describes it. */
export interface RevokedLicence {
  number: string;
  typeName: string;
}

/**
 * The decision's wording, penalty by penalty in the order of PENALTY_TYPES, joined with '；':
 * 警告；罚款人民币5000元；没收违法所得人民币1200元；吊销工业产品生产许可证（编号：…）.
 */
export function penaltyWording(penalties: readonly Penalty[], licences: ReadonlyMap<string, RevokedLicence> = new Map()): string {
  const sorted = [...penalties].sort((a, b) => PENALTY_TYPES.indexOf(a.type) - PENALTY_TYPES.indexOf(b.type));
  return sorted
    .map((p) => {
      const note = p.note?.trim();
      switch (p.type) {
        case 'fine':
          return `罚款人民币${formatYuan(p.amount!)}元`;
        case 'confiscation_gains':
          return `没收违法所得人民币${formatYuan(p.amount!)}元`;
        case 'confiscation':
          return note ? `没收${note}` : '没收非法财物';
        case 'suspension':
          return note ? `责令停产停业（${note}）` : '责令停产停业';
        case 'revocation': {
          const licence = p.licenceId ? licences.get(p.licenceId) : undefined;
          return licence ? `吊销${licence.typeName}（编号：${licence.number}）` : '吊销许可证';
        }
        default:
          return PENALTY_LABELS[p.type] + (note ? `（${note}）` : '');
      }
    })
    .join('；');
}

/** Money ordered by the decision: fines plus confiscated gains, in yuan (summed in cents). */
export const amountDueOf = (penalties: readonly Penalty[]) => penalties.filter((p) => p.type === 'fine' || p.type === 'confiscation_gains').reduce((cents, p) => cents + Math.round((p.amount ?? 0) * 100), 0) / 100;

/**
 * Whether the case may be decided beyond its stage: after the notice, once the party's defence is
 * recorded or its period (defenceDueOn) has passed (409 DEFENCE_PERIOD_OPEN); after a hearing was
 * asked for, once it was held (409 HEARING_PENDING).
 */
export function decideAllowed(c: Pick<CaseRow, 'stage' | 'defenceRecordedOn' | 'defenceDueOn' | 'hearingHeldOn'>, today = todayInChina()): { code: string; message: string } | null {
  if (c.stage === 'notified' && !c.defenceRecordedOn && c.defenceDueOn && c.defenceDueOn >= today) {
    return { code: 'DEFENCE_PERIOD_OPEN', message: `当事人陈述、申辩期限至${c.defenceDueOn}，期满或记录其陈述申辩后方可作出处罚决定` };
  }
  if (c.stage === 'hearing' && !c.hearingHeldOn) return { code: 'HEARING_PENDING', message: '当事人已要求听证，举行听证后方可作出处罚决定' };
  return null;
}

/** Checks the penalties: known types, one of each, amounts where money is ordered, a licence for a revocation (400 naming the field). */
export function checkPenalties(value: unknown): Penalty[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('penalties', '请至少选择一种处罚');
  const seen = new Set<PenaltyType>();
  return value.map((raw: Partial<Penalty>, i) => {
    const at = `penalties.${i}`;
    if (!raw || !PENALTY_TYPES.includes(raw.type as PenaltyType)) throw invalid(`${at}.type`, `未知的处罚种类：${String(raw?.type)}`, 'UNKNOWN_PENALTY_TYPE');
    const type = raw.type!;
    if (seen.has(type)) throw invalid(`${at}.type`, `处罚种类“${PENALTY_LABELS[type]}”重复`, 'DUPLICATE_PENALTY');
    seen.add(type);
    const money = type === 'fine' || type === 'confiscation_gains';
    const amount = raw.amount ?? null;
    if (money) {
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || amount > MAX_AMOUNT || !isCents(amount)) {
        throw invalid(`${at}.amount`, `${PENALTY_LABELS[type]}须填写大于 0 的金额（元，最多两位小数）`, 'AMOUNT_REQUIRED');
      }
    } else if (amount !== null) {
      throw invalid(`${at}.amount`, `${PENALTY_LABELS[type]}不填写金额`);
    }
    if (type === 'revocation' && !raw.licenceId) throw invalid(`${at}.licenceId`, '吊销许可证须选择被吊销的许可证', 'LICENCE_REQUIRED');
    if (type !== 'revocation' && raw.licenceId) throw invalid(`${at}.licenceId`, '只有吊销许可证须选择许可证');
    const note = raw.note?.trim() || null;
    if (note && note.length > 500) throw invalid(`${at}.note`, '说明不能超过 500 个字');
    return { type, amount: money ? amount : null, licenceId: type === 'revocation' ? raw.licenceId! : null, note };
  });
}

/**
 * The next decision number of the bureau's year, `<short>罚〔year〕n号` (涟市监罚〔2026〕3号), under
 * an advisory lock: one more than the highest n of that prefix (numbers typed by hand included).
 */
export async function nextDecisionNo(tx: Db, orgId: string, year: number) {
  const { short } = await bureauOf(tx, orgId);
  return nextDocumentNo(tx, cases.documentNo, `${short}罚〔${year}〕`);
}

const duplicateDocumentNo = (documentNo: string) => new AppError('DUPLICATE_DOCUMENT_NO', `决定书文号“${documentNo}”已被使用`, 409, { field: 'documentNo' });

/**
 * The `decide` action (处罚决定, API-SPEC "decision/"): permission case.approve, from `notified` (the
 * defence recorded or its period passed) or `hearing` (held) to `decided`. Checks the penalties,
 * the discretion rule and level (`discretion.check`), a revoked licence (`revocation.check`);
 * numbers the decision (unless given; unique: 409 DUPLICATE_DOCUMENT_NO), words it (unless
 * given) and sets amountDue. After the row is written: the licence's revocation
 * (`revocation.revoke`) and the decision's publication (`publication.schedule`), in the same
 * transaction.
 */
export function makeDecideHandler(deps: CasesDeps & { discretion: DiscretionService; publication: Pick<PublicationService, 'schedule'> }): ActionHandler {
  return {
    permission: 'case.approve',
    stages: ['notified', 'hearing'],
    input: DECIDE_INPUT,
    allowed: (c) => decideAllowed(c),
    async run({ tx, ctx, case: c }, input) {
      const penalties = checkPenalties(input.penalties);
      const today = todayInChina();
      const decidedOn = input.decidedOn === undefined || input.decidedOn === null ? today : requireDate(input.decidedOn as string, 'decidedOn', '决定日期');
      if (decidedOn > today) throw invalid('decidedOn', '决定日期不能晚于今天');
      const notBefore = c.hearingHeldOn ?? c.defenceRecordedOn ?? c.notifiedOn;
      if (notBefore && decidedOn < notBefore) throw invalid('decidedOn', `决定日期不能早于${c.hearingHeldOn ? '听证日期' : c.defenceRecordedOn ? '陈述申辩日期' : '告知日期'}（${notBefore}）`);
      const violation = requireText(input.violation as string, 'violation', '违法事实', 2000);
      const legalBasis = requireText(input.legalBasis as string, 'legalBasis', '处罚依据', 2000);
      const discretionRuleKey = requireText(input.discretionRuleKey as string, 'discretionRuleKey', '裁量基准', 100);
      const discretionLevel = requireText(input.discretionLevel as string, 'discretionLevel', '裁量阶次', 40);
      await deps.discretion.check(tx, discretionRuleKey, discretionLevel, penalties);

      const licences = new Map<string, RevokedLicence>();
      for (const p of penalties) {
        if (p.type === 'revocation') licences.set(p.licenceId!, await deps.revocation.check(tx, ctx.actor, p.licenceId!, c.uscc));
      }

      let documentNo: string;
      if (input.documentNo === undefined || input.documentNo === null) {
        documentNo = await nextDecisionNo(tx, c.orgId, Number(decidedOn.slice(0, 4)));
      } else {
        documentNo = requireText(input.documentNo as string, 'documentNo', '决定书文号', DOCUMENT_NO_MAX);
        await lockDocumentNumbers(tx, cases.documentNo);
        const [taken] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.documentNo, documentNo), ne(cases.id, c.id)));
        if (taken) throw duplicateDocumentNo(documentNo);
      }
      const penaltyText = typeof input.penaltyText === 'string' && input.penaltyText.trim() ? requireText(input.penaltyText, 'penaltyText', '处罚内容', 1000) : penaltyWording(penalties, licences);
      const amountDue = amountDueOf(penalties);

      return {
        to: 'decided',
        patch: {
          documentNo,
          decidedOn,
          decidedById: ctx.actor.userId,
          decidedByName: ctx.actor.name,
          penalties,
          penaltyText,
          violation,
          legalBasis,
          discretionRuleKey,
          discretionLevel,
          amountDue: amountDue.toFixed(2),
        },
        note: `${documentNo}：${penaltyText}`,
        data: { documentNo, decidedOn, penaltyTypes: penalties.map((p) => p.type), amountDue, discretionRuleKey, discretionLevel, licenceIds: [...licences.keys()] },
        after: async (atx, updated) => {
          for (const licenceId of licences.keys()) {
            await deps.revocation.revoke(atx, ctx, licenceId, { caseId: updated.id, documentNo, decidedOn, reason: violation, legalBasis });
          }
          await deps.publication.schedule(atx, ctx, updated);
        },
      };
    },
  };
}

export { duplicateDocumentNo };
