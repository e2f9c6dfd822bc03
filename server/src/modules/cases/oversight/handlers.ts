import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { AppError } from '../../../platform/http/errors.js';
import { DateString, Id, Nullable } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid } from '../../../platform/validation/fields.js';
import type { CasesDeps, Ctx } from '../cases.deps.js';
import { type CaseStage, caseFiles } from '../cases.schema.js';
import type { CaseDocuments } from '../decision/documents.js';
import type { ActionHandlers, CaseRow } from '../lifecycle/actions.js';
import { caseParties, caseProgressReports, caseSupervisions, caseTransfers } from './oversight.schema.js';
import { PACKAGE_KIND, packageFiles, zipPackage } from './package.js';
import { TODO, policePendingTodo, resolveReportTodos } from './todos.js';

/** Stages a case may be transferred to the police from: before the decision is served. */
export const TRANSFER_STAGES: readonly CaseStage[] = ['lead', 'investigating', 'reviewing', 'notified', 'hearing', 'decided'];
/** Stages of a live case (neither declined nor closed): supervision and parties. */
export const OPEN_STAGES: readonly CaseStage[] = ['lead', 'investigating', 'reviewing', 'notified', 'hearing', 'decided', 'served', 'executing', 'transferred'];

export const REASON_MAX = 2000;
export const CONTENT_MAX = 5000;
export const NAME_MAX = 200;
export const REPORT_DATES_MAX = 24;

/** Org types that may be a joint party of a case (the jurisdiction's bureaus). */
const BUREAU_TYPES = ['county_bureau', 'city_bureau'];

/** Trimmed required text (400 naming the field when blank). */
export function required(value: unknown, field: string, label: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw invalid(field, `请填写${label}`);
  if (text.length > max) throw invalid(field, `${label}不能超过 ${max} 个字`);
  return text;
}

/** Trimmed optional text; blank is null. */
export function optional(value: unknown, field: string, label: string, max: number): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  if (text.length > max) throw invalid(field, `${label}不能超过 ${max} 个字`);
  return text;
}

/** A China date that is a real day, not after today (and not before `notBefore` when given). */
export function pastDate(value: unknown, field: string, label: string, notBefore?: { date: string; label: string }): string {
  const s = typeof value === 'string' ? value : '';
  if (!parseDate(s)) throw invalid(field, `${label}不是有效日期`);
  if (s > todayInChina()) throw invalid(field, `${label}不能晚于今天`);
  if (notBefore && s < notBefore.date) throw invalid(field, `${label}不能早于${notBefore.label}（${notBefore.date}）`);
  return s;
}

/** The case's lead party (the owning bureau); every case has one, written when the case is created. */
export async function leadPartyOf(tx: Db, c: CaseRow) {
  const [lead] = await tx
    .select()
    .from(caseParties)
    .where(and(eq(caseParties.caseId, c.id), eq(caseParties.role, 'lead')))
    .orderBy(asc(caseParties.createdAt), asc(caseParties.id))
    .limit(1);
  return lead ?? null;
}

/** Only a user of the lead party's bureau: 403 NOT_LEAD_PARTY otherwise. */
export async function assertLeadParty(tx: Db, ctx: Ctx, c: CaseRow, what: string) {
  const lead = await leadPartyOf(tx, c);
  if (ctx.actor.orgId !== (lead?.orgId ?? c.orgId)) throw new AppError('NOT_LEAD_PARTY', `只有主办单位可以${what}`, 403);
}

/**
 * The oversight part's actions (contract table of API-SPEC.md): `transfer` (移送公安, with the
 * evidence package), `supervise` (督办, the city bureau), `report_progress` (the county's report on a
 * supervised case), `add_party` (联办, by the lead party). The dispatcher checks permission, stage
 * and `allowed`, then writes the returned stage and patch, the event and the audit record; the
 * handlers write this part's own tables in the same transaction.
 */
/** Whether a region code is a city's (prefecture level: 320800), where the city bureau sits. */
const cityLevel = (regionCode: string) => regionPrefix(regionCode).length <= 4;

export function makeOversightHandlers(deps: CasesDeps & { documents: CaseDocuments }): ActionHandlers {
  const { todos, jurisdiction } = deps;

  return {
    transfer: {
      permission: 'case.write',
      stages: TRANSFER_STAGES,
      input: {
        transferredOn: DateString,
        receivingOrgan: Type.String({ minLength: 1, maxLength: NAME_MAX, description: '接收机关，如 淮安市公安局清江浦分局' }),
        reason: Type.String({ minLength: 1, maxLength: REASON_MAX }),
        suspectedCrime: Type.Optional(Nullable(Type.String({ maxLength: NAME_MAX, description: '涉嫌罪名，如 生产、销售伪劣产品罪' }))),
        documentNo: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
      },
      async run({ tx, ctx, case: c }, input) {
        const transferredOn = pastDate(input.transferredOn, 'transferredOn', '移送日期', { date: c.foundOn, label: '发现线索的日期' });
        const receivingOrgan = required(input.receivingOrgan, 'receivingOrgan', '接收机关', NAME_MAX);
        const reason = required(input.reason, 'reason', '移送理由', REASON_MAX);
        const suspectedCrime = optional(input.suspectedCrime, 'suspectedCrime', '涉嫌罪名', NAME_MAX);
        const documentNo = optional(input.documentNo, 'documentNo', '移送文书编号', 100);

        const built = await zipPackage({ caseNo: c.caseNo, transferredOn }, await packageFiles(tx, deps.documents, c.id));
        const id = randomUUID();
        await tx.insert(caseTransfers).values({ id, caseId: c.id, transferredOn, receivingOrgan, documentNo, reason, suspectedCrime, manifest: built.manifest, packageSha256: built.sha256, createdByName: ctx.actor.name });
        // The package as sent is kept (generated documents carry their own times, so a later rebuild could differ): under the transfer's id.
        await tx.insert(caseFiles).values({
          id,
          caseId: c.id,
          documentKind: PACKAGE_KIND,
          fileName: `移送证据包-${c.caseNo}-${transferredOn}.zip`,
          contentType: 'application/zip',
          size: built.zip.length,
          sha256: built.sha256,
          content: built.zip,
          producedByOrgId: ctx.actor.orgId,
          createdByName: ctx.actor.name,
        });
        return {
          to: 'transferred',
          patch: { stageBeforeTransfer: c.stage, transferred: true },
          note: `移送${receivingOrgan}：${reason}`,
          data: { transferId: id, receivingOrgan, suspectedCrime, documentNo, files: built.manifest.length, packageSha256: built.sha256 },
          after: async (t, updated) => {
            await todos.raise(t, TODO.policePending, [policePendingTodo(updated, { id, receivingOrgan, transferredOn })]);
          },
        };
      },
    },

    supervise: {
      permission: 'case.supervise',
      stages: OPEN_STAGES,
      input: {
        reason: Type.String({ minLength: 1, maxLength: REASON_MAX, description: '督办理由' }),
        reportDates: Type.Array(DateString, { minItems: 1, maxItems: REPORT_DATES_MAX, description: '进展报告日期（均须晚于今天）' }),
        documentNo: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '督办文书编号' }))),
      },
      // A county's user is refused at once (and not offered the action); a city section's user by the org check in run.
      allowed: (c, ctx) =>
        !cityLevel(ctx.actor.regionCode) ? { code: 'NOT_CITY', message: '只有市局可以督办案件', status: 403 } : c.supervised ? { code: 'ALREADY_SUPERVISED', message: '该案件已在督办中' } : null,
      async run({ tx, ctx, case: c }, input) {
        const org = await jurisdiction.getOrg(null, ctx.actor.orgId, tx);
        if (org.type !== 'city_bureau') throw new AppError('NOT_CITY', '只有市局可以督办案件', 403);
        const reason = required(input.reason, 'reason', '督办理由', REASON_MAX);
        const documentNo = optional(input.documentNo, 'documentNo', '督办文书编号', 100);
        const raw = Array.isArray(input.reportDates) ? (input.reportDates as unknown[]) : [];
        if (raw.length === 0) throw invalid('reportDates', '请至少填写一个进展报告日期');
        if (raw.length > REPORT_DATES_MAX) throw invalid('reportDates', `进展报告日期不能超过 ${REPORT_DATES_MAX} 个`);
        const today = todayInChina();
        const dates: string[] = [];
        raw.forEach((d, i) => {
          if (typeof d !== 'string' || !parseDate(d)) throw invalid(`reportDates.${i}`, '进展报告日期不是有效日期');
          if (d <= today) throw invalid(`reportDates.${i}`, '进展报告日期须晚于今天');
          if (dates.includes(d)) throw invalid(`reportDates.${i}`, `进展报告日期 ${d} 重复`);
          dates.push(d);
        });
        dates.sort();
        const [existing] = await tx.select({ caseId: caseSupervisions.caseId }).from(caseSupervisions).where(eq(caseSupervisions.caseId, c.id));
        if (existing) throw new AppError('ALREADY_SUPERVISED', '该案件已在督办中', 409);
        await tx.insert(caseSupervisions).values({ caseId: c.id, supervisingOrgId: org.id, supervisingOrgName: org.name, reason, documentNo, startedOn: today, startedByName: ctx.actor.name });
        await tx.insert(caseProgressReports).values(dates.map((dueOn) => ({ caseId: c.id, dueOn })));
        return { patch: { supervised: true }, note: reason, data: { supervisingOrgId: org.id, reportDates: dates, documentNo } };
      },
    },

    report_progress: {
      permission: 'case.write',
      stages: OPEN_STAGES,
      input: {
        content: Type.String({ minLength: 1, maxLength: CONTENT_MAX, description: '进展情况' }),
        reportId: Type.Optional(Id),
      },
      allowed: (c) => (c.supervised ? null : { code: 'NOT_SUPERVISED', message: '该案件不是督办案件' }),
      async run({ tx, ctx, case: c }, input) {
        const content = required(input.content, 'content', '进展情况', CONTENT_MAX);
        let report;
        if (typeof input.reportId === 'string' && input.reportId) {
          [report] = await tx
            .select()
            .from(caseProgressReports)
            .where(and(eq(caseProgressReports.id, input.reportId), eq(caseProgressReports.caseId, c.id)));
          if (!report) throw invalid('reportId', '该督办案件没有这次进展报告', 'REPORT_NOT_FOUND');
          if (report.reportedOn) throw new AppError('ALREADY_REPORTED', `${report.dueOn} 的进展已于 ${report.reportedOn} 报告`, 409);
        } else {
          // The earliest report not yet made: an overdue one first, else the next one (reporting early is allowed).
          [report] = await tx
            .select()
            .from(caseProgressReports)
            .where(and(eq(caseProgressReports.caseId, c.id), isNull(caseProgressReports.reportedOn)))
            .orderBy(asc(caseProgressReports.dueOn), asc(caseProgressReports.id))
            .limit(1);
          if (!report) throw new AppError('NO_REPORT_DUE', '该督办案件的进展报告均已报告', 409);
        }
        const today = todayInChina();
        await tx.update(caseProgressReports).set({ reportedOn: today, content, reportedByName: ctx.actor.name }).where(eq(caseProgressReports.id, report.id));
        await resolveReportTodos(tx, todos, report.id);
        return { note: content, data: { reportId: report.id, dueOn: report.dueOn, late: report.dueOn < today } };
      },
    },

    add_party: {
      permission: 'case.write',
      stages: OPEN_STAGES,
      input: {
        orgId: Type.Optional(Id),
        externalName: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX, description: '市外协办单位名称（无 orgId 时必填）' })),
        externalRegion: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '市外协办单位所在地区' }))),
        role: Type.Literal('assisting'),
        contact: Type.Optional(Nullable(Type.String({ maxLength: NAME_MAX, description: '联系人及电话' }))),
      },
      async run({ tx, ctx, case: c }, input) {
        await assertLeadParty(tx, ctx, c, '添加联办单位');
        if (input.role !== undefined && input.role !== 'assisting') throw invalid('role', '联办单位的角色只能是协办（assisting）');
        const contact = optional(input.contact, 'contact', '联系人', NAME_MAX);
        const orgId = typeof input.orgId === 'string' && input.orgId ? input.orgId : null;
        const externalName = optional(input.externalName, 'externalName', '协办单位名称', NAME_MAX);
        const parties = await tx.select().from(caseParties).where(eq(caseParties.caseId, c.id));
        let values: typeof caseParties.$inferInsert;
        let name: string;
        if (orgId) {
          if (externalName) throw invalid('externalName', '本市的协办单位请选择机构，不填写名称');
          const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId));
          if (!org || !org.active || !BUREAU_TYPES.includes(org.type)) throw invalid('orgId', '协办单位须是本辖区在用的市局或县区局', 'NOT_A_BUREAU');
          if (parties.some((p) => p.orgId === orgId)) throw new AppError('ALREADY_PARTY', `${org.name}已是本案的办案单位`, 409, { orgId });
          values = { caseId: c.id, role: 'assisting', orgId, contact, addedOn: todayInChina(), addedByName: ctx.actor.name };
          name = org.name;
        } else {
          if (!externalName) throw invalid('externalName', '请选择本市的协办单位，或填写市外协办单位名称');
          if (parties.some((p) => !p.orgId && p.externalName === externalName)) throw new AppError('ALREADY_PARTY', `${externalName}已是本案的办案单位`, 409, { externalName });
          const externalRegion = optional(input.externalRegion, 'externalRegion', '所在地区', 100);
          values = { caseId: c.id, role: 'assisting', externalName, externalRegion, contact, addedOn: todayInChina(), addedByName: ctx.actor.name };
          name = externalName;
        }
        const [party] = await tx.insert(caseParties).values(values).returning({ id: caseParties.id });
        return { patch: { joint: true }, note: `协办单位：${name}`, data: { partyId: party!.id, orgId, externalName: orgId ? null : name, role: 'assisting' } };
      },
    },
  };
}
