import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { decision, docxText, exitInput } from './testing.js';
import { makeLicence } from '../testing.js';

const env = useServiceEnv();

const exits = () => env.services.licenceExits;
const documentsOf = (exitId: string, licenceId: string) => env.services.licenceDocuments.list(env.admin, licenceId, exitId);
const auditOf = (id: string) => env.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, id)).orderBy(asc(auditEvents.id));
const actorOf = async (roles: string[], regionCode = '320800') => (await env.services.users.loadActor((await env.makeUser({ roles, regionCode })).id))!;

async function documentText(licenceId: string, documentId: string) {
  return docxText((await env.services.licenceDocuments.download(env.admin, licenceId, documentId)).content);
}

/** A conditions_lost procedure on a fresh licence, investigated by a new county officer. */
async function openConditionsLost(regionCode = '320826') {
  const licence = await makeLicence(env, { regionCode });
  const investigator = await env.makeUser({ roles: ['county_officer'], regionCode });
  const exit = await exits().open(env.ctx, exitInput('conditions_lost', licence.id, investigator.id));
  return { licence, investigator, exit };
}

describe('(1) the holder no longer meets the conditions', () => {
  it('investigates with a notice and a working-day deadline, then revokes when there is no justified reason', async () => {
    const { licence, investigator, exit } = await openConditionsLost();
    const due = await env.services.calendar.addWorkingDays(todayInChina(), 10);
    expect(exit).toMatchObject({ stage: 'investigating', investigatorId: investigator.id, investigatorName: investigator.displayName, investigationDueOn: due.date, regionCode: '320826', orgName: '涟水县市场监督管理局', allowedOutcomes: [] });

    const [notice] = (await documentsOf(exit.id, licence.id)).items;
    expect(notice).toMatchObject({ kind: 'investigation_notice', fileName: `核查通知书-工业产品生产许可证-${licence.number}.docx` });
    const noticeText = await documentText(licence.id, notice!.id);
    for (const phrase of ['核 查 通 知 书', licence.enterpriseName, licence.number, '12315 投诉举报', investigator.displayName, '涟水县市场监督管理局']) expect(noticeText).toContain(phrase);
    const [y, m, d] = due.date.split('-').map(Number);
    expect(noticeText).toContain(`${y}年${m}月${d}日`);

    await expect(exits().decide(env.ctx, exit.id, decision('revoked'))).rejects.toMatchObject({ code: 'EXIT_STAGE', status: 409 });
    const investigated = await exits().recordInvestigation(env.ctx, exit.id, { findings: '现场核查，生产设备已全部搬离', justifiedReason: false });
    expect(investigated).toMatchObject({ stage: 'deciding', justifiedReason: false, allowedOutcomes: ['revoked'] });
    await expect(exits().recordInvestigation(env.ctx, exit.id, { findings: '再次核查', justifiedReason: true })).rejects.toMatchObject({ code: 'EXIT_STAGE' });
    await expect(exits().decide(env.ctx, exit.id, decision('dismissed'))).rejects.toMatchObject({ code: 'EXIT_OUTCOME_NOT_ALLOWED', status: 409 });
    await expect(exits().decide(env.ctx, exit.id, decision('cancelled'))).rejects.toMatchObject({ code: 'EXIT_OUTCOME_NOT_ALLOWED' });

    const revoke = decision('revoked');
    const closed = await exits().decide(env.ctx, exit.id, revoke);
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'revoked', documentNo: revoke.documentNo, transitionStatus: 'applied', awaitingApproval: false, licence: { state: 'revoked' } });
    const [transition] = (await env.services.licences.timeline(env.admin, licence.id)).items;
    expect(transition).toMatchObject({ id: closed.transitionId, toState: 'revoked', documentNo: revoke.documentNo, legalBasis: revoke.legalBasis });

    const decisionDoc = (await documentsOf(exit.id, licence.id)).items.find((doc) => doc.kind === 'revocation_decision')!;
    expect(decisionDoc.fileName).toBe(`吊销许可证决定书-工业产品生产许可证-${licence.number}.docx`);
    const text = await documentText(licence.id, decisionDoc.id);
    for (const phrase of ['吊销许可证决定书', revoke.documentNo, licence.enterpriseName, '生产设备已全部搬离', revoke.legalBasis, `吊销你单位工业产品生产许可证（证书编号：${licence.number}）`, '行政复议', '行政诉讼']) expect(text).toContain(phrase);

    await expect(exits().decide(env.ctx, exit.id, decision('revoked'))).rejects.toMatchObject({ code: 'EXIT_STAGE' });
    expect((await auditOf(exit.id)).map((a) => a.action)).toEqual(['licence_exit.opened', 'licence_exit.investigated', 'licence_exit.decided']);
  });

  it('dismisses when the holder has a justified reason: the licence stays and a new procedure may open', async () => {
    const { licence, exit } = await openConditionsLost();
    await exits().recordInvestigation(env.ctx, exit.id, { findings: '企业已在原址恢复生产，设备齐全', justifiedReason: true });
    await expect(exits().decide(env.ctx, exit.id, decision('revoked'))).rejects.toMatchObject({ code: 'EXIT_OUTCOME_NOT_ALLOWED' });
    const closed = await exits().decide(env.ctx, exit.id, { outcome: 'dismissed', reason: '企业具备许可条件' });
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'dismissed', transitionId: null, legalBasis: null, licence: { state: 'normal' } });
    expect((await env.services.licences.timeline(env.admin, licence.id)).total).toBe(0);
    expect((await documentsOf(exit.id, licence.id)).items.map((doc) => doc.kind)).toEqual(['investigation_notice']);
    await expect(exits().open(env.ctx, exitInput('closure', licence.id))).resolves.toMatchObject({ stage: 'deciding' });
  });

  it('needs an active investigator in the actor’s scope and a period in working days; other kinds take neither', async () => {
    const licence = await makeLicence(env);
    const county = await actorOf(['county_officer'], '320826');
    const foreign = await env.makeUser({ roles: ['county_officer'], regionCode: '320830' });
    const retired = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    await env.services.users.update(env.ctx, retired.id, { active: false });
    const input = exitInput('conditions_lost', licence.id, foreign.id);
    await expect(exits().open({ actor: county }, input)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'investigatorId' } });
    await expect(exits().open(env.ctx, { ...input, investigatorId: retired.id })).rejects.toMatchObject({ details: { field: 'investigatorId' } });
    await expect(exits().open(env.ctx, { ...input, investigatorId: null })).rejects.toMatchObject({ details: { field: 'investigatorId' } });
    await expect(exits().open(env.ctx, { ...input, investigationWorkingDays: 0 })).rejects.toMatchObject({ details: { field: 'investigationWorkingDays' } });
    await expect(exits().open(env.ctx, { ...exitInput('closure', licence.id), investigatorId: foreign.id })).rejects.toMatchObject({ details: { field: 'investigatorId' } });
    expect((await exits().list(env.admin, { licenceId: licence.id }, { page: 1, pageSize: 10 })).total).toBe(0);
  });
});

describe('(2) a closure decision and (3) a serious violation', () => {
  it('a closure decision goes straight to the decision and ends in cancellation (or revocation) with its decision document', async () => {
    const licence = await makeLicence(env);
    const exit = await exits().open(env.ctx, exitInput('closure', licence.id));
    expect(exit).toMatchObject({ stage: 'deciding', allowedOutcomes: ['cancelled', 'revoked', 'dismissed'] });
    expect((await documentsOf(exit.id, licence.id)).total).toBe(0);
    await expect(exits().recordInvestigation(env.ctx, exit.id, { findings: '—', justifiedReason: false })).rejects.toMatchObject({ code: 'EXIT_STAGE' });
    const cancel = decision('cancelled');
    expect(await exits().decide(env.ctx, exit.id, cancel)).toMatchObject({ stage: 'closed', outcome: 'cancelled', licence: { state: 'cancelled' } });
    const [doc] = (await documentsOf(exit.id, licence.id)).items;
    expect(doc!.kind).toBe('cancellation_decision');
    const text = await documentText(licence.id, doc!.id);
    for (const phrase of ['注销许可证决定书', cancel.documentNo, '涟水县人民政府作出关闭决定', exit.triggerDocumentNo!, '注销你单位']) expect(text).toContain(phrase);
  });

  it('a serious violation names the law broken and ends in revocation or dismissal', async () => {
    const licence = await makeLicence(env);
    const input = exitInput('serious_violation', licence.id);
    await expect(exits().open(env.ctx, { ...input, lawArea: null })).rejects.toMatchObject({ details: { field: 'lawArea' } });
    await expect(exits().open(env.ctx, { ...exitInput('closure', licence.id), lawArea: 'tax' })).rejects.toMatchObject({ details: { field: 'lawArea' } });
    const exit = await exits().open(env.ctx, input);
    expect(exit).toMatchObject({ stage: 'deciding', lawArea: 'labour', allowedOutcomes: ['revoked', 'dismissed'] });
    await expect(exits().decide(env.ctx, exit.id, decision('cancelled'))).rejects.toMatchObject({ code: 'EXIT_OUTCOME_NOT_ALLOWED' });
    await exits().decide(env.ctx, exit.id, decision('revoked'));
    const [doc] = (await documentsOf(exit.id, licence.id)).items;
    expect(await documentText(licence.id, doc!.id)).toContain('违反劳动保障法律、行政法规，情节严重');
    expect((await env.services.licences.get(env.admin, licence.id)).state).toBe('revoked');
  });
});

describe('opening a procedure', () => {
  it('takes one open procedure per licence, none on a licence that has ended, a trigger date not in the future and a source fitting the kind', async () => {
    const licence = await makeLicence(env);
    await expect(exits().open(env.ctx, { ...exitInput('closure', licence.id), triggerOn: addDays(todayInChina(), 1) })).rejects.toMatchObject({ details: { field: 'triggerOn' } });
    await expect(exits().open(env.ctx, { ...exitInput('closure', licence.id), triggerSource: 'complaint' })).rejects.toMatchObject({ details: { field: 'triggerSource' } });
    await expect(exits().open(env.ctx, { ...exitInput('closure', licence.id), triggerSource: 'feedback' })).rejects.toMatchObject({ details: { field: 'feedbackId' } });
    await expect(exits().open(env.ctx, { ...exitInput('closure', licence.id), triggerParty: '  ' })).rejects.toMatchObject({ details: { field: 'triggerParty' } });
    const first = await exits().open(env.ctx, exitInput('closure', licence.id));
    await expect(exits().open(env.ctx, exitInput('serious_violation', licence.id))).rejects.toMatchObject({ code: 'EXIT_OPEN', status: 409, details: { exitId: first.id } });

    const ended = await makeLicence(env);
    await env.services.licences.requestTransition(env.ctx, ended.id, { to: 'withdrawn', reason: '以欺骗手段取得', legalBasis: '《中华人民共和国行政许可法》第六十九条', documentNo: '淮市监撤〔2026〕1号' });
    await expect(exits().open(env.ctx, exitInput('closure', ended.id))).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
  });

  it('joins the caller’s transaction: opened from a feedback decision, it rolls back with it', async () => {
    const licence = await makeLicence(env);
    const investigator = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
    const feedbackId = crypto.randomUUID();
    const input = { ...exitInput('conditions_lost', licence.id, investigator.id), triggerSource: 'feedback' as const, feedbackId };
    await expect(
      inTransaction(env.db, async (tx) => {
        await exits().open(env.ctx, input, tx);
        throw new Error('the feedback decision failed afterwards');
      }),
    ).rejects.toThrow('failed afterwards');
    expect((await exits().list(env.admin, { licenceId: licence.id }, { page: 1, pageSize: 10 })).total).toBe(0);
    expect((await env.services.licenceDocuments.list(env.admin, licence.id)).total).toBe(0);

    const opened = await inTransaction(env.db, (tx) => exits().open(env.ctx, input, tx));
    expect(opened).toMatchObject({ stage: 'investigating', triggerSource: 'feedback', feedbackId });
    expect((await documentsOf(opened.id, licence.id)).total).toBe(1);
  });
});

describe('a decision that fails changes nothing', () => {
  it('keeps the procedure, the licence and the documents as they were', async () => {
    const licence = await makeLicence(env);
    const exit = await exits().open(env.ctx, exitInput('serious_violation', licence.id));
    await expect(exits().decide(env.ctx, exit.id, { ...decision('revoked'), legalBasis: ' ' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'legalBasis' } });
    // another measure waits for approval: the revocation cannot be requested now
    await env.services.licences.setApprovalRule(env.ctx, 'suspended', true);
    try {
      await env.services.licences.requestTransition(env.ctx, licence.id, { to: 'suspended', reason: '停产整顿', legalBasis: '《工业产品生产许可证管理条例》', documentNo: '淮市监停〔2026〕1号' });
    } finally {
      await env.services.licences.setApprovalRule(env.ctx, 'suspended', false);
    }
    await expect(exits().decide(env.ctx, exit.id, decision('revoked'))).rejects.toMatchObject({ code: 'TRANSITION_PENDING' });
    expect(await exits().get(env.admin, exit.id)).toMatchObject({ stage: 'deciding', outcome: null, transitionId: null, documents: [], licence: { state: 'normal' } });
    expect((await auditOf(exit.id)).map((a) => a.action)).toEqual(['licence_exit.opened']);
  });
});

describe('a decision that needs a section head’s approval', () => {
  async function awaitingRevocation(officer: Actor) {
    const licence = await makeLicence(env);
    const exit = await exits().open({ actor: officer }, exitInput('serious_violation', licence.id));
    const asked = await exits().decide({ actor: officer }, exit.id, decision('revoked'));
    return { licence, exit: asked };
  }

  it('waits as pending, closes with its decision document when approved, and returns to the decision when rejected', async () => {
    const officer = await actorOf(['city_officer']);
    const head = await actorOf(['section_head']);
    await env.services.licences.setApprovalRule(env.ctx, 'revoked', true);
    try {
      const { licence, exit } = await awaitingRevocation(officer);
      expect(exit).toMatchObject({ stage: 'deciding', outcome: 'revoked', transitionStatus: 'pending', awaitingApproval: true, allowedOutcomes: [], licence: { state: 'normal' } });
      expect((await documentsOf(exit.id, licence.id)).total).toBe(0);
      await expect(exits().decide({ actor: officer }, exit.id, decision('dismissed'))).rejects.toMatchObject({ code: 'EXIT_STAGE' });
      await env.services.licences.decide({ actor: head }, licence.id, exit.transitionId!, { approve: true });
      expect(await exits().get(officer, exit.id)).toMatchObject({ stage: 'closed', outcome: 'revoked', transitionStatus: 'applied', awaitingApproval: false, licence: { state: 'revoked' }, documents: [{ kind: 'revocation_decision' }] });

      const second = await awaitingRevocation(officer);
      await env.services.licences.decide({ actor: head }, second.licence.id, second.exit.transitionId!, { approve: false, note: '证据不足' });
      expect(await exits().get(officer, second.exit.id)).toMatchObject({ stage: 'deciding', outcome: null, transitionId: null, decisionReason: null, awaitingApproval: false, allowedOutcomes: ['revoked', 'dismissed'], documents: [], licence: { state: 'normal' } });
      expect((await auditOf(second.exit.id)).map((a) => a.action)).toEqual(['licence_exit.opened', 'licence_exit.decided', 'licence_exit.decision_rejected']);
    } finally {
      await env.services.licences.setApprovalRule(env.ctx, 'revoked', false);
    }
  });
});

describe('data scope', () => {
  it('keeps a county officer to the procedures and licences of its own county', async () => {
    const county = await actorOf(['county_officer'], '320826');
    const own = await openConditionsLost('320826');
    const foreign = await openConditionsLost('320830');
    const foreignLicence = await makeLicence(env, { regionCode: '320830' });

    expect((await exits().get(county, own.exit.id)).id).toBe(own.exit.id);
    await expect(exits().get(county, foreign.exit.id)).rejects.toMatchObject({ status: 404 });
    await expect(exits().recordInvestigation({ actor: county }, foreign.exit.id, { findings: '越权', justifiedReason: false })).rejects.toMatchObject({ status: 404 });
    await expect(exits().decide({ actor: county }, foreign.exit.id, decision('dismissed'))).rejects.toMatchObject({ status: 404 });
    await expect(exits().open({ actor: county }, exitInput('closure', foreignLicence.id))).rejects.toMatchObject({ status: 404 });
    const { items } = await exits().list(county, {}, { page: 1, pageSize: 500 });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.regionCode === '320826')).toBe(true);
    expect((await exits().get(env.admin, foreign.exit.id)).stage).toBe('investigating');
  });
});
