import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/sql.js';
import type { Actor } from '../../platform/access/actor.js';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { useTestEnv } from '../../test/app.js';
import { makeComplaint } from '../complaints/testing.js';
import { makeEnterprise } from '../enterprises/testing.js';
import { makeUnit } from '../equipment/testing.js';
import { actorOf, makeTargetedTask } from '../inspections/testing.js';
import { makeLicence } from '../licences/testing.js';
import { makeInstitution, makeLot, makePlan, makeProduct, makeSample } from '../spotchecks/testing.js';
import type { Ctx } from './cases.deps.js';
import { makeCase } from './testing.js';
import { caseLeadSources, licenceRevocation } from './wiring.js';

/**
 * Issue 18, the other modules' side of a case: each lead source's facts read in the actor's scope
 * (null outside it), the link back written by the owning module when the case is opened or
 * declined, and the revocation penalty driving the licence state machine.
 */
const env = useTestEnv();
const sources = () => caseLeadSources({ db: env.db, leads: env.services.leads, tasks: env.services.tasks, complaints: env.services.complaints, equipment: env.services.equipment, spotchecks: env.services.spotchecks });
const revocation = () => licenceRevocation({ exits: env.services.licenceExits });
const MISSING = '00000000-0000-4000-8000-000000000000';

let lianshui: Actor;
let other: Actor;
async function officers() {
  lianshui ??= (await actorOf(env, ['county_officer'], '320826')).actor;
  other ??= (await actorOf(env, ['county_officer'], '320803')).actor;
  return { lianshui, other, ctx: { actor: lianshui } as Ctx };
}

describe('unlicensed-operation leads (licences)', () => {
  it('finds the lead in scope; opening closes it as case_filed naming the case; declining leaves it open', async () => {
    const { lianshui, other, ctx } = await officers();
    const source = sources().unlicensed_lead!;
    const lead = await env.services.leads.create(env.ctx, { operatorName: '王某无证加工点', uscc: null, address: '涟水县保滩镇 3 组', regionCode: '320826', source: '日常检查', description: '未取得许可证生产电线电缆' });
    const facts = await inTransaction(env.db, (tx) => source.find(tx, lianshui, lead.id));
    expect(facts).toEqual({ ref: `无证经营线索：王某无证加工点（${todayInChina()}）`, partyName: '王某无证加工点', uscc: null, regionCode: '320826', foundOn: todayInChina(), summary: '未取得许可证生产电线电缆' });
    expect(await inTransaction(env.db, (tx) => source.find(tx, other, lead.id))).toBeNull();
    expect(await inTransaction(env.db, (tx) => source.find(tx, lianshui, MISSING))).toBeNull();

    const declined = await makeCase(env, { leadSource: 'unlicensed_lead', leadId: lead.id, stage: 'declined' });
    await inTransaction(env.db, (tx) => source.declined!(tx, ctx, lead.id, { ...declined, reason: '现场已停止经营' }));
    expect(await env.services.leads.get(env.admin, lead.id)).toMatchObject({ status: 'open', caseId: null });

    const kase = await makeCase(env, { leadSource: 'unlicensed_lead', leadId: lead.id, stage: 'investigating' });
    await inTransaction(env.db, (tx) => source.opened!(tx, ctx, lead.id, kase));
    expect(await env.services.leads.get(env.admin, lead.id)).toMatchObject({ status: 'closed', outcome: 'case_filed', caseId: kase.id, result: `已立案（案件编号 ${kase.caseNo}）`, closedByName: lianshui.name });
  });
});

describe('through the cases service (app.ts wiring)', () => {
  it('a case made from an unlicensed-operation lead takes its facts; opening closes the lead naming the case, which names the lead', async () => {
    const { lianshui } = await officers();
    const head = (await actorOf(env, ['section_head'], '320800')).actor;
    const second = (await actorOf(env, ['county_officer'], '320826')).actor;
    const lead = await env.services.leads.create(env.ctx, { operatorName: '李某无证充装站', address: '涟水县高沟镇 5 号', regionCode: '320826', source: '日常检查', description: '擅自充装液化石油气' });
    const kase = await env.services.cases.cases.create({ actor: lianshui }, { leadSource: 'unlicensed_lead', leadId: lead.id, summary: '无证充装液化石油气' });
    expect(kase).toMatchObject({ stage: 'lead', leadSource: 'unlicensed_lead', leadId: lead.id, partyName: '李某无证充装站', regionCode: '320826', foundOn: todayInChina() });
    await env.services.cases.cases.act({ actor: head }, kase.id, 'open', { investigatorIds: [lianshui.userId, second.userId] });
    expect(await env.services.leads.get(lianshui, lead.id)).toMatchObject({ status: 'closed', outcome: 'case_filed', caseId: kase.id, result: `已立案（案件编号 ${kase.caseNo}）` });
    expect((await env.services.cases.cases.byLead(lianshui, 'unlicensed_lead', lead.id)).items).toEqual([expect.objectContaining({ id: kase.id, stage: 'investigating' })]);
  });
});

/** A case of the licence's holder at the notice, its defence period over. */
const notifiedCase = (licence: { uscc: string; enterpriseName: string }) =>
  makeCase(env, {
    stage: 'notified',
    uscc: licence.uscc,
    partyName: licence.enterpriseName,
    openedOn: addDays(todayInChina(), -30),
    investigatorNames: ['甲', '乙'],
    notifiedOn: addDays(todayInChina(), -10),
    noticeNo: `测罚告〔2026〕${Date.now()}${Math.floor(Math.random() * 1000)}号`,
    intendedPenalty: { penalties: [{ type: 'fine', amount: 160000 }], wording: '拟处罚款人民币160000元', violation: '未经监督检验', legalBasis: '《中华人民共和国特种设备安全法》第七十九条', discretionRuleKey: 'se_no_supervisory_inspection', discretionLevel: 'heavier' },
    defenceDueOn: addDays(todayInChina(), -3),
  });

describe('a decision with the penalty revocation (decide, through the cases service)', () => {
  it('drives the licence state machine: revoked, with the decision number in its history and the public revocations', async () => {
    const head = (await actorOf(env, ['section_head'], '320800')).actor;
    const licence = await makeLicence(env, { regionCode: '320826' });
    const kase = await notifiedCase(licence);
    const decided = await env.services.cases.cases.act({ actor: head }, kase.id, 'decide', {
      penalties: [{ type: 'fine', amount: 160000 }, { type: 'revocation', licenceId: licence.id }],
      violation: '当事人制造的特种设备未经监督检验出厂',
      legalBasis: '《中华人民共和国特种设备安全法》第七十九条',
      discretionRuleKey: 'se_no_supervisory_inspection',
      discretionLevel: 'heavier',
    });
    expect(decided).toMatchObject({ stage: 'decided', decidedOn: todayInChina() });
    const documentNo = (decided as { documentNo: string }).documentNo;
    expect(await env.services.licences.get(env.admin, licence.id)).toMatchObject({ state: 'revoked' });
    expect((await env.services.licences.timeline(env.admin, licence.id)).items[0]).toMatchObject({ fromState: 'normal', toState: 'revoked', status: 'applied', documentNo, requestedByName: head.name });
    expect((await env.services.publicLookup(licence.uscc)).revocations).toEqual([expect.objectContaining({ number: licence.number, kind: 'revoked', decidedOn: todayInChina(), documentNo })]);

    // A licence revoked already: a field error on penalties, nothing decided.
    const again = await notifiedCase(licence);
    await expect(
      env.services.cases.cases.act({ actor: head }, again.id, 'decide', {
        penalties: [{ type: 'fine', amount: 160000 }, { type: 'revocation', licenceId: licence.id }],
        violation: '当事人制造的特种设备未经监督检验出厂',
        legalBasis: '《中华人民共和国特种设备安全法》第七十九条',
        discretionRuleKey: 'se_no_supervisory_inspection',
        discretionLevel: 'heavier',
      }),
    ).rejects.toMatchObject({ status: 400, details: { field: 'penalties' } });
  });
});

describe('inspection findings (inspections)', () => {
  it('the lead is a task whose findings are fixed, with at least one; the party is its enterprise', async () => {
    const { lianshui, other } = await officers();
    const source = sources().inspection_finding!;
    const { task, a, enterprise, item } = await makeTargetedTask(env);
    await expect(inTransaction(env.db, (tx) => source.find(tx, lianshui, task.id))).rejects.toMatchObject({ code: 'LEAD_NO_FINDINGS', status: 400, details: { field: 'leadId' } });
    await env.services.tasks.submit({ actor: a }, task.id, { answers: { licence_valid: { value: false }, records_kept: { value: false } }, findings: [{ text: '成品仓库存放过期原料', severity: 'minor' }], inspectedOn: todayInChina() });
    expect(await inTransaction(env.db, (tx) => source.find(tx, lianshui, task.id))).toEqual({
      ref: `检查任务：${enterprise.name} · ${item.name}（${todayInChina()}）`,
      partyName: enterprise.name,
      uscc: enterprise.uscc,
      regionCode: '320826',
      foundOn: todayInChina(),
      summary: '检查发现：无有效许可证；未建立进货查验记录；成品仓库存放过期原料',
    });
    expect(await inTransaction(env.db, (tx) => source.find(tx, other, task.id))).toBeNull();
    // Tasks keep no case: the task's page reads it through GET /api/cases/by-lead.
    expect(source.opened).toBeUndefined();
  });

  it('a task with no findings is no lead', async () => {
    const { lianshui } = await officers();
    const { task, a } = await makeTargetedTask(env);
    await env.services.tasks.submit({ actor: a }, task.id, { answers: { licence_valid: { value: true }, records_kept: { value: true } }, inspectedOn: todayInChina() });
    await expect(inTransaction(env.db, (tx) => sources().inspection_finding!.find(tx, lianshui, task.id))).rejects.toMatchObject({ code: 'LEAD_NO_FINDINGS' });
  });
});

describe('complaints and reports (complaints)', () => {
  it('finds the item in scope (subject, receipt day, tracking number); opening links the case on the item', async () => {
    const { lianshui, other, ctx } = await officers();
    const source = sources().complaint!;
    const subject = await makeEnterprise(env, { regionCode: '320826' });
    const item = await makeComplaint(env, { subjectName: subject.name, subjectUscc: subject.uscc, receivedOn: addDays(todayInChina(), -4), description: '举报该公司销售无3C标志的电热水壶' });
    expect(await inTransaction(env.db, (tx) => source.find(tx, lianshui, item.id))).toEqual({ ref: item.trackingNo, partyName: subject.name, uscc: subject.uscc, regionCode: '320826', foundOn: addDays(todayInChina(), -4), summary: '举报该公司销售无3C标志的电热水壶' });
    expect(await inTransaction(env.db, (tx) => source.find(tx, other, item.id))).toBeNull();

    const kase = await makeCase(env, { leadSource: 'complaint', leadId: item.id, stage: 'investigating', uscc: subject.uscc });
    await inTransaction(env.db, (tx) => source.opened!(tx, ctx, item.id, kase));
    expect((await env.services.complaints.handling.get(env.admin, item.id)).links).toEqual([expect.objectContaining({ targetType: 'case', targetId: kase.id, label: `案件：${kase.caseNo}` })]);
    // A declined case is linked too, labelled as such.
    const second = await makeComplaint(env, { subjectName: subject.name });
    const declined = await makeCase(env, { leadSource: 'complaint', leadId: second.id, stage: 'declined' });
    await inTransaction(env.db, (tx) => source.declined!(tx, ctx, second.id, { ...declined, reason: '不属于本局管辖' }));
    expect((await env.services.complaints.handling.get(env.admin, second.id)).links).toEqual([expect.objectContaining({ targetType: 'case', targetId: declined.id, label: `案件：${declined.caseNo}（不予立案）` })]);
  });

  it('an enquiry or a suggestion is no lead', async () => {
    const { lianshui } = await officers();
    const enquiry = await makeComplaint(env, { kind: 'enquiry' });
    await expect(inTransaction(env.db, (tx) => sources().complaint!.find(tx, lianshui, enquiry.id))).rejects.toMatchObject({ code: 'LEAD_NOT_ELIGIBLE', details: { field: 'leadId' } });
  });
});

describe('special-equipment hazards (equipment)', () => {
  it('finds the hazard in scope; the party is the unit user', async () => {
    const { lianshui, other } = await officers();
    const source = sources().equipment_hazard!;
    const user = await makeEnterprise(env, { regionCode: '320826' });
    const unit = await makeUnit(env, { userUscc: user.uscc });
    const hazard = await env.services.equipment.hazards.create(env.ctx, { equipmentId: unit.id, source: 'supervision', foundOn: addDays(todayInChina(), -2), description: '电梯超期未检仍在使用', level: 'major', correctionDueOn: addDays(todayInChina(), 5) });
    expect(await inTransaction(env.db, (tx) => source.find(tx, lianshui, hazard.id))).toEqual({
      ref: `隐患：${user.name} ${unit.equipmentCode}（${addDays(todayInChina(), -2)}）`,
      partyName: user.name,
      uscc: user.uscc,
      regionCode: '320826',
      foundOn: addDays(todayInChina(), -2),
      summary: '电梯超期未检仍在使用',
    });
    expect(await inTransaction(env.db, (tx) => source.find(tx, other, hazard.id))).toBeNull();
    expect(source.opened).toBeUndefined();
  });
});

describe('spot-check failures (spotchecks)', () => {
  it('the lead is a failed sample in scope once its follow-up is at the notice; opening marks the follow-up referred, declining adds a step', async () => {
    const { lianshui, other, ctx } = await officers();
    const source = sources().spot_check!;
    const product = await makeProduct(env);
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const lot = await makeLot(env, { productId: product.id, planId: (await makePlan(env)).id });
    const items = [{ item: '甲醛含量', requirement: '≤75 mg/kg', measured: '120 mg/kg', pass: false }];
    const sample = await makeSample(env, { lotId: lot.id, productId: product.id, institutionId: (await makeInstitution(env)).id, enterprise, status: 'reported', items, conclusion: 'fail', notifiedOn: addDays(todayInChina(), -40), receivedOn: addDays(todayInChina(), -35), objectionDueOn: addDays(todayInChina(), -20) });
    await expect(inTransaction(env.db, (tx) => source.find(tx, lianshui, sample.id))).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
    const followups = env.services.spotchecks.objections.followups;
    await followups.act(ctx, sample.id, { action: 'order' });
    await followups.act(ctx, sample.id, { action: 'recheck', passed: false });
    await followups.act(ctx, sample.id, { action: 'notice', note: '公告' });
    expect(await inTransaction(env.db, (tx) => source.find(tx, lianshui, sample.id))).toEqual({
      ref: sample.sampleNo,
      partyName: enterprise.name,
      uscc: enterprise.uscc,
      regionCode: '320826',
      foundOn: addDays(todayInChina(), -19),
      summary: `产品质量监督抽查不合格：${product.name}（样品 ${sample.sampleNo}），不合格项目：甲醛含量`,
    });
    expect(await inTransaction(env.db, (tx) => source.find(tx, other, sample.id))).toBeNull();
    expect(await inTransaction(env.db, (tx) => source.find(tx, lianshui, MISSING))).toBeNull();

    const declined = await makeCase(env, { leadSource: 'spot_check', leadId: sample.id, stage: 'declined' });
    await inTransaction(env.db, (tx) => source.declined!(tx, ctx, sample.id, { ...declined, reason: '证据不足' }));
    expect(await followups.get(lianshui, sample.id)).toMatchObject({ stage: 'noticed', caseId: null });
    const kase = await makeCase(env, { leadSource: 'spot_check', leadId: sample.id, stage: 'investigating' });
    await inTransaction(env.db, (tx) => source.opened!(tx, ctx, sample.id, kase));
    const f = await followups.get(lianshui, sample.id);
    expect(f).toMatchObject({ stage: 'referred', caseId: kase.id, caseNo: kase.caseNo });
    expect(f.steps.map((s) => s.action)).toEqual(['order', 'recheck_failed', 'notice', 'refer_declined', 'refer']);
  });
});

describe('revocation (licences)', () => {
  it('checks scope, holder and state with field errors on penalties', async () => {
    const { lianshui, other } = await officers();
    const licence = await makeLicence(env, { regionCode: '320826' });
    const check = (actor: Actor, id: string, uscc: string | null) => inTransaction(env.db, (tx) => revocation().check(tx, actor, id, uscc));
    expect(await check(lianshui, licence.id, licence.uscc)).toEqual({ number: licence.number, typeName: licence.typeName });
    for (const [actor, id, uscc, text] of [
      [other, licence.id, licence.uscc, '不在您的辖区'],
      [lianshui, MISSING, licence.uscc, '不存在'],
      [lianshui, licence.id, null, '没有统一社会信用代码'],
      [lianshui, licence.id, (await makeEnterprise(env)).uscc, '不是本案当事人'],
    ] as const) {
      await expect(check(actor, id, uscc)).rejects.toMatchObject({ status: 400, details: { field: 'penalties' }, message: expect.stringContaining(text) });
    }
  });

  it('revokes through the licence state machine: revoked, with the decision in its history', async () => {
    const { lianshui, ctx } = await officers();
    const licence = await makeLicence(env, { regionCode: '320826' });
    const kase = await makeCase(env, { uscc: licence.uscc, partyName: licence.enterpriseName, stage: 'decided' });
    const decision = { caseId: kase.id, documentNo: '涟市监罚〔2026〕88号', decidedOn: todayInChina(), reason: '以欺骗手段取得生产许可证', legalBasis: '《中华人民共和国工业产品生产许可证管理条例》第五十一条' };
    await inTransaction(env.db, (tx) => revocation().revoke(tx, ctx, licence.id, decision));
    expect(await env.services.licences.get(env.admin, licence.id)).toMatchObject({ state: 'revoked' });
    expect((await env.services.licences.timeline(env.admin, licence.id)).items[0]).toMatchObject({ toState: 'revoked', status: 'applied', documentNo: '涟市监罚〔2026〕88号', requestedByName: lianshui.name });
    await expect(inTransaction(env.db, (tx) => revocation().check(tx, lianshui, licence.id, licence.uscc))).rejects.toMatchObject({ details: { field: 'penalties' }, message: expect.stringContaining('不能吊销') });
  });
});
