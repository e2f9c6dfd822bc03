import type { Db } from '../../db/client.js';
import { todayInChina } from '../../platform/calendar/dates.js';
import { AppError } from '../../platform/http/errors.js';
import { invalid } from '../../platform/validation/fields.js';
import type { ComplaintsServices } from '../complaints/index.js';
import type { EquipmentServices } from '../equipment/index.js';
import type { TasksService } from '../inspections/index.js';
import type { LeadsService, LicenceExits } from '../licences/index.js';
import type { SpotchecksServices } from '../spotchecks/index.js';
import type { LeadFacts, LeadSourceAdapter, LicenceRevocation } from './cases.deps.js';
import type { LeadSource } from './cases.schema.js';

const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

/** An inspection task's findings are fixed once its checklist is submitted (`inspected` and after). */
const FINDINGS_FIXED = new Set(['inspected', 'rectifying', 'rechecking', 'completed', 'published']);

/**
 * The lead sources other modules own, through their services (wired in app.ts). Each reads the
 * record in the actor's scope in the case's transaction; the link back is written by the owner:
 *
 * - `unlicensed_lead` (licences): opening closes the lead as `case_filed` naming its case
 *   (`caseId`, result 已立案（案件编号 …）); declining leaves it open (audited on the lead).
 * - `inspection_finding` (inspections): the lead is the inspection task (`leadId` = the task's id;
 *   findings have no id of their own), once its findings are fixed and there is at least one.
 *   Tasks keep no case: the task's page finds it through `GET /api/cases/by-lead`.
 * - `complaint` (complaints): opening records a complaint link to the case (the item's links);
 *   declining records it too, labelled （不予立案）, so the item's handler can tell the reporter.
 * - `equipment_hazard` (equipment): the party is the hazard's user unit. Hazards keep no case:
 *   read back through `GET /api/cases/by-lead`.
 * - `spot_check` (spotchecks): the lead is a sample whose final conclusion is fail, once its
 *   follow-up is at the public notice or suspended (409 INVALID_TRANSITION before); opening marks
 *   the follow-up `referred` with the case (a step naming its number); declining adds a step.
 */
export function caseLeadSources(deps: {
  db: Db;
  leads: LeadsService;
  tasks: TasksService;
  complaints: ComplaintsServices;
  equipment: EquipmentServices;
  spotchecks: SpotchecksServices;
}): Partial<Record<LeadSource, LeadSourceAdapter>> {
  const { leads, tasks, complaints, equipment, spotchecks } = deps;
  const followups = spotchecks.objections.followups;
  return {
    unlicensed_lead: {
      async find(tx, actor, leadId): Promise<LeadFacts | null> {
        const lead = await leads.forCase(tx, actor, leadId);
        if (!lead) return null;
        const foundOn = todayInChina(lead.createdAt);
        return { ref: `无证经营线索：${lead.operatorName}（${foundOn}）`, partyName: lead.operatorName, uscc: lead.uscc, regionCode: lead.regionCode, foundOn, summary: clip(lead.description, 1000) };
      },
      async opened(tx, ctx, leadId, kase) {
        await leads.caseFiled(tx, ctx, leadId, kase);
      },
      async declined(tx, ctx, leadId, kase) {
        await leads.caseDeclined(tx, ctx, leadId, kase);
      },
    },

    inspection_finding: {
      async find(tx, actor, leadId): Promise<LeadFacts | null> {
        const task = await tasks.forCase(tx, actor, leadId);
        if (!task) return null;
        if (!FINDINGS_FIXED.has(task.state) || task.findings.length === 0) {
          throw new AppError('LEAD_NO_FINDINGS', '该检查任务尚未提交检查结果或未发现问题，不能作为案件线索', 400, { field: 'leadId' });
        }
        const summary = task.findings.map((f) => f.text).join('；');
        return {
          ref: `检查任务：${task.enterpriseName} · ${task.itemName}${task.inspectedOn ? `（${task.inspectedOn}）` : ''}`,
          partyName: task.enterpriseName,
          uscc: task.uscc,
          regionCode: task.regionCode,
          foundOn: task.inspectedOn,
          summary: clip(`检查发现：${summary}`, 1000),
        };
      },
    },

    complaint: {
      async find(tx, actor, leadId): Promise<LeadFacts | null> {
        const item = await complaints.handling.forCase(tx, actor, leadId);
        if (!item) return null;
        if (item.kind === 'enquiry' || item.kind === 'suggestion') {
          throw new AppError('LEAD_NOT_ELIGIBLE', '咨询和建议不能作为案件线索，请选择投诉或举报', 400, { field: 'leadId' });
        }
        return { ref: item.trackingNo, partyName: item.subjectName, uscc: item.subjectUscc, regionCode: item.regionCode, foundOn: item.receivedOn, summary: clip(item.description, 1000) };
      },
      async opened(tx, ctx, leadId, kase) {
        await complaints.handling.linkCase(tx, ctx, leadId, { id: kase.id, caseNo: kase.caseNo });
      },
      async declined(tx, ctx, leadId, kase) {
        await complaints.handling.linkCase(tx, ctx, leadId, { id: kase.id, caseNo: kase.caseNo, declined: true });
      },
    },

    equipment_hazard: {
      async find(tx, actor, leadId): Promise<LeadFacts | null> {
        const hazard = await equipment.hazards.forCase(tx, actor, leadId);
        if (!hazard) return null;
        const subject = `${hazard.userName ?? hazard.userUscc}${hazard.equipmentCode ? ` ${hazard.equipmentCode}` : ''}`;
        return { ref: `隐患：${subject}（${hazard.foundOn}）`, partyName: hazard.userName, uscc: hazard.userUscc, regionCode: hazard.regionCode, foundOn: hazard.foundOn, summary: clip(hazard.description, 1000) };
      },
    },

    spot_check: {
      async find(tx, actor, leadId): Promise<LeadFacts | null> {
        const lead = await followups.forCase(tx, actor, leadId);
        return lead ? { ...lead, summary: lead.summary ? clip(lead.summary, 1000) : null } : null;
      },
      async opened(tx, ctx, leadId, kase) {
        await followups.caseOpened(tx, ctx, leadId, kase);
      },
      async declined(tx, ctx, leadId, kase) {
        await followups.caseDeclined(tx, ctx, leadId, kase);
      },
    },
  };
}

/**
 * The licence module's revocation, for a decision with the penalty `revocation`: `check` reads the
 * licence (field errors on `penalties`: unknown or out of scope, another holder than the party, not
 * in force, a measure awaiting approval); `revoke` moves it to `revoked` through the licences
 * module (`LicenceExits.revokeByPenalty`: the licence's history, the public revocations list, an
 * open exit procedure closed with it).
 */
export function licenceRevocation(deps: { exits: LicenceExits }): LicenceRevocation {
  const { exits } = deps;
  return {
    async check(tx, actor, licenceId, uscc) {
      const found = await exits.revocable(tx, actor, licenceId);
      if (!found) throw invalid('penalties', '要吊销的许可证不存在或不在您的辖区');
      const { licence, problem } = found;
      const named = `${licence.typeName}（${licence.number}）`;
      if (!uscc) throw invalid('penalties', `当事人没有统一社会信用代码，无法核对${named}的持证人`);
      if (licence.uscc !== uscc) throw invalid('penalties', `${named}的持证人是${licence.enterpriseName}，不是本案当事人`);
      if (problem) throw invalid('penalties', `${named}：${problem}`);
      return { number: licence.number, typeName: licence.typeName };
    },
    async revoke(tx, ctx, licenceId, decision) {
      await exits.revokeByPenalty(tx, ctx, licenceId, decision);
    },
  };
}
