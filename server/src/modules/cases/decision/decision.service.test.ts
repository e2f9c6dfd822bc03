import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { parseIfMatch } from '../../../platform/http/etag.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { maskName } from '../../../platform/secrets/personal-data.js';
import { useServiceEnv } from '../../../test/app.js';
import type { CasesDeps } from '../cases.deps.js';
import { type Penalty, caseEvidence, cases } from '../cases.schema.js';
import type { CaseRow } from '../lifecycle/actions.js';
import { makeCase } from '../testing.js';
import { makeDecideHandler, penaltyWording } from './decide.js';
import { discretionRules } from './discretion.schema.js';
import { makeDiscretionService } from './discretion.service.js';

/**
 * Issue 18, the decision part without HTTP: the seeded discretion table, its edits (versions,
 * If-Match, audit), the decide handler's checks for every penalty type and its after-effects
 * (revocation and publication are fakes here: the real ones are wired by the links and pubex
 * helpers), decision numbers, and the five documents as real .docx files.
 */
const env = useServiceEnv();
const today = todayInChina();
const past = (days: number) => addDays(today, -days);

async function actorOf(roles: string[], regionCode: string): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}

const discretion = () => makeDiscretionService({ db: env.db, audit: env.services.audit });

function fakes() {
  const revoked: { licenceId: string; decision: Record<string, unknown> }[] = [];
  const scheduled: string[] = [];
  const revocation = {
    check: vi.fn(async (_tx: unknown, _actor: Actor, licenceId: string) => {
      if (licenceId === '00000000-0000-4000-8000-00000000dead') throw Object.assign(new Error('licence not in force'), { code: 'LICENCE_NOT_IN_FORCE' });
      return { number: 'TS320826-0001', typeName: '特种设备生产许可证（制造）' };
    }),
    revoke: vi.fn(async (_tx: unknown, _ctx: unknown, licenceId: string, decision: Record<string, unknown>) => {
      revoked.push({ licenceId, decision });
    }),
  };
  const publication = { schedule: vi.fn(async (_tx: unknown, _ctx: unknown, c: CaseRow) => void scheduled.push(c.id)) };
  const deps = { db: env.db, audit: env.services.audit, calendar: env.services.calendar, jurisdiction: env.services.jurisdiction, todos: env.services.todos, users: env.services.users, personal: env.services.personal, rules: env.config.caseRules, leadSources: {}, revocation, plans: env.services.plans, draws: env.services.draws } as unknown as CasesDeps;
  const handler = makeDecideHandler({ ...deps, discretion: discretion(), publication: publication as never });
  return { handler, revoked, scheduled, revocation, publication };
}

/** A case at the notice, its defence period over (or open with `open`). */
const notifiedCase = (extra: Partial<typeof cases.$inferInsert> = {}) =>
  makeCase(env, {
    stage: 'notified',
    openedOn: past(30),
    investigatorNames: ['甲', '乙'],
    notifiedOn: past(10),
    noticeNo: `测罚告〔2026〕${Math.floor(Math.random() * 1e6)}号`,
    intendedPenalty: { penalties: [{ type: 'fine', amount: 50000 }], wording: '拟处罚款人民币50000元', violation: '未办理使用登记', legalBasis: '《中华人民共和国特种设备安全法》第八十三条', discretionRuleKey: 'se_unregistered', discretionLevel: 'ordinary' },
    defenceDueOn: past(3),
    uscc: '91320826MA1DEC0001',
    ...extra,
  });

const base = { violation: '当事人使用未办理使用登记的电梯一台', legalBasis: '《中华人民共和国特种设备安全法》第八十三条第一项', discretionRuleKey: 'se_unregistered', discretionLevel: 'ordinary' };

async function run(handler: ReturnType<typeof fakes>['handler'], c: CaseRow, input: Record<string, unknown>) {
  return handler.run({ tx: env.db, ctx: env.ctx, case: c, rules: env.config.caseRules }, { ...base, ...input });
}

/** Writes a result as the dispatcher would (stage, patch) and runs its after-effects. */
async function apply(c: CaseRow, result: Awaited<ReturnType<typeof run>>) {
  const [updated] = await env.db.update(cases).set({ ...result.patch, stage: result.to ?? c.stage, version: c.version + 1 }).where(eq(cases.id, c.id)).returning();
  await result.after?.(env.db, updated!);
  return updated!;
}

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; status: number; details?: { field?: string } };
  }
  throw new Error('expected an error');
};

describe('the discretion table', () => {
  it('is seeded by the migration with real rules across the areas', async () => {
    const { items, total } = await discretion().list();
    expect(total).toBeGreaterThanOrEqual(10);
    expect(new Set(items.map((r) => r.area))).toEqual(new Set(['product_quality', 'standards', 'licensing', 'certification', 'metrology', 'special_equipment']));
    const pq = items.find((r) => r.key === 'pq_safety_standard')!;
    expect(pq.penaltyProvision).toBe('《中华人民共和国产品质量法》第四十九条');
    expect(pq.levels.map((l) => l.level)).toEqual(['exempt', 'mitigated', 'lighter', 'ordinary', 'heavier']);
    const se = items.find((r) => r.key === 'se_unregistered')!;
    expect(se.levels.find((l) => l.level === 'ordinary')).toMatchObject({ fineMin: 37000, fineMax: 73000, penaltyTypes: ['fine'] });
    // Every level of every seeded rule passes the service's own checks (fineMin ≤ fineMax, known types).
    for (const r of items) for (const l of r.levels) if (l.fineMin !== null && l.fineMax !== null) expect(l.fineMin).toBeLessThanOrEqual(l.fineMax);
    // Ordered by sortOrder, then key.
    expect(items.map((r) => r.sortOrder)).toEqual([...items.map((r) => r.sortOrder)].sort((a, b) => a - b));
  });

  it('creates and edits rules with versions, If-Match and audit; refuses bad levels and county users', async () => {
    const head = await actorOf(['section_head'], '320800');
    const ctx = { actor: head };
    const level = { level: 'ordinary' as const, circumstances: '一般情形', penaltyTypes: ['fine' as const], fineMin: 1000, fineMax: 5000, fineRule: null };
    const created = await discretion().create(ctx, { key: 'test_rule_a', area: 'other', violation: '测试违法行为', violatedProvision: '某法第一条', penaltyProvision: '某法第二条', levels: [level] });
    expect(created).toMatchObject({ key: 'test_rule_a', version: 1, active: true, updatedByName: head.name });
    expect((await errorOf(discretion().create(ctx, { key: 'test_rule_a', area: 'other', violation: 'x', violatedProvision: 'x', penaltyProvision: 'x', levels: [level] }))).code).toBe('DUPLICATE');

    const bounds = await errorOf(discretion().update(ctx, 'test_rule_a', { levels: [{ ...level, fineMin: 6000 }] }));
    expect(bounds).toMatchObject({ code: 'FINE_BOUNDS', status: 400, details: { field: 'levels.0.fineMin' } });
    expect((await errorOf(discretion().update(ctx, 'test_rule_a', { levels: [{ ...level, penaltyTypes: ['flogging' as never] }] }))).code).toBe('UNKNOWN_PENALTY_TYPE');
    expect((await errorOf(discretion().update(ctx, 'test_rule_a', { levels: [{ ...level, level: 'exempt' }] }))).details?.field).toBe('levels.0.penaltyTypes');
    expect((await errorOf(discretion().update(ctx, 'test_rule_a', { levels: [level, level] }))).code).toBe('DUPLICATE_LEVEL');

    const updated = await discretion().update(ctx, 'test_rule_a', { violation: '测试违法行为（改）', active: false }, parseIfMatch('"1"'));
    expect(updated).toMatchObject({ version: 2, violation: '测试违法行为（改）', active: false });
    expect((await errorOf(discretion().update(ctx, 'test_rule_a', { active: true }, parseIfMatch('"1"')))).status).toBe(412);
    const audits = await env.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, 'test_rule_a'));
    expect(audits.map((a) => a.action).sort()).toEqual(['case_discretion_rule.created', 'case_discretion_rule.updated']);

    const county = await actorOf(['section_head'], '320826');
    county.dataScope = 'region';
    expect((await errorOf(discretion().update({ actor: county }, 'test_rule_a', { active: true }))).status).toBe(403);
  });

  it('checks a decision against a rule level: existence, activity, level, types, fine bounds', async () => {
    const d = discretion();
    const fine = (amount: number): Penalty[] => [{ type: 'fine', amount }];
    await expect(d.check(env.db, 'se_unregistered', 'ordinary', fine(50000))).resolves.toMatchObject({ spec: { level: 'ordinary' } });
    expect(await errorOf(d.check(env.db, 'se_unregistered', 'ordinary', fine(80000)))).toMatchObject({ code: 'FINE_OUT_OF_RANGE', details: { field: 'penalties.0.amount' } });
    expect(await errorOf(d.check(env.db, 'se_unregistered', 'ordinary', fine(30000)))).toMatchObject({ code: 'FINE_OUT_OF_RANGE' });
    expect(await errorOf(d.check(env.db, 'se_unregistered', 'ordinary', [{ type: 'warning' }]))).toMatchObject({ code: 'PENALTY_NOT_ALLOWED', details: { field: 'penalties.0.type' } });
    expect(await errorOf(d.check(env.db, 'se_unregistered', 'exempt', [{ type: 'warning' }]))).toMatchObject({ code: 'DISCRETION_LEVEL_NO_PENALTY', details: { field: 'discretionLevel' } });
    expect(await errorOf(d.check(env.db, 'se_unregistered', 'severe', fine(50000)))).toMatchObject({ code: 'DISCRETION_LEVEL_UNKNOWN' });
    expect(await errorOf(d.check(env.db, 'no_such_rule', 'ordinary', fine(50000)))).toMatchObject({ code: 'DISCRETION_RULE_NOT_FOUND', details: { field: 'discretionRuleKey' } });
    await env.db.insert(discretionRules).values({ key: 'test_inactive', area: 'other', violation: 'x', violatedProvision: 'x', penaltyProvision: 'x', levels: [{ level: 'ordinary', circumstances: 'x', penaltyTypes: ['warning'], fineMin: null, fineMax: null, fineRule: null }], active: false });
    expect(await errorOf(d.check(env.db, 'test_inactive', 'ordinary', [{ type: 'warning' }]))).toMatchObject({ code: 'DISCRETION_RULE_INACTIVE' });
    // A mitigated level (减轻) allows a warning alone; a fine below the legal minimum.
    await expect(d.check(env.db, 'se_unregistered', 'mitigated', [{ type: 'warning' }])).resolves.toBeTruthy();
    await expect(d.check(env.db, 'se_unregistered', 'mitigated', fine(8000))).resolves.toBeTruthy();
  });
});

describe('the decide action', () => {
  it('waits for the defence period or the defence, and for the hearing', async () => {
    const { handler } = fakes();
    expect(handler).toMatchObject({ permission: 'case.approve', stages: ['notified', 'hearing'] });
    const open = await notifiedCase({ defenceDueOn: addDays(today, 2) });
    expect(handler.allowed!(open, env.ctx)).toMatchObject({ code: 'DEFENCE_PERIOD_OPEN' });
    expect(handler.allowed!({ ...open, defenceDueOn: today }, env.ctx)).toMatchObject({ code: 'DEFENCE_PERIOD_OPEN' });
    expect(handler.allowed!({ ...open, defenceRecordedOn: today }, env.ctx)).toBeNull();
    expect(handler.allowed!({ ...open, defenceDueOn: past(1) }, env.ctx)).toBeNull();
    expect(handler.allowed!({ ...open, stage: 'hearing', hearingRequested: true }, env.ctx)).toMatchObject({ code: 'HEARING_PENDING' });
    expect(handler.allowed!({ ...open, stage: 'hearing', hearingHeldOn: past(1) }, env.ctx)).toBeNull();
  });

  it('decides a fine: numbered per bureau and year, worded, amount due, publication scheduled', async () => {
    const { handler, scheduled } = fakes();
    const c1 = await notifiedCase();
    const r1 = await run(handler, c1, { penalties: [{ type: 'fine', amount: 50000 }] });
    expect(r1.to).toBe('decided');
    const year = today.slice(0, 4);
    expect(r1.patch).toMatchObject({ decidedOn: today, penaltyText: '罚款人民币50000元', amountDue: '50000.00', discretionRuleKey: 'se_unregistered', discretionLevel: 'ordinary' });
    const m = new RegExp(`^(.+)罚〔${year}〕(\\d+)号$`).exec(r1.patch!.documentNo!);
    expect(m, r1.patch!.documentNo!).not.toBeNull();
    const [bureau] = await env.db.select({ name: orgs.name, shortName: orgs.shortName }).from(orgs).where(eq(orgs.id, c1.orgId));
    expect(m![1]).toBe(bureau!.shortName || bureau!.name);
    const u1 = await apply(c1, r1);
    expect(scheduled).toContain(u1.id);
    const c2 = await notifiedCase();
    const r2 = await run(handler, c2, { discretionRuleKey: 'pq_safety_standard', penalties: [{ type: 'fine', amount: 40000 }, { type: 'confiscation_gains', amount: 1200.5 }] });
    expect(r2.patch!.documentNo).toBe(`${m![1]}罚〔${year}〕${Number(m![2]) + 1}号`);
    expect(r2.patch).toMatchObject({ penaltyText: '罚款人民币40000元；没收违法所得人民币1200.50元', amountDue: '41200.50' });
  });

  it('refuses a document number already used (409 DUPLICATE_DOCUMENT_NO) and accepts a new one', async () => {
    const { handler } = fakes();
    await makeCase(env, { stage: 'decided', documentNo: '测试罚〔2026〕900号', decidedOn: past(1) });
    const c = await notifiedCase();
    expect(await errorOf(run(handler, c, { penalties: [{ type: 'fine', amount: 50000 }], documentNo: '测试罚〔2026〕900号' }))).toMatchObject({ code: 'DUPLICATE_DOCUMENT_NO', status: 409, details: { field: 'documentNo' } });
    const r = await run(handler, c, { penalties: [{ type: 'fine', amount: 50000 }], documentNo: '测试罚〔2026〕901号', penaltyText: '罚款人民币伍万元' });
    expect(r.patch).toMatchObject({ documentNo: '测试罚〔2026〕901号', penaltyText: '罚款人民币伍万元' });
  });

  it('checks each penalty type', async () => {
    const { handler } = fakes();
    const c = await notifiedCase();
    const err = (penalties: unknown[], extra: Record<string, unknown> = {}) => errorOf(run(handler, c, { penalties, ...extra }));
    // fine and confiscation_gains need an amount > 0 in cents.
    expect(await err([{ type: 'fine' }])).toMatchObject({ code: 'AMOUNT_REQUIRED', details: { field: 'penalties.0.amount' } });
    expect(await err([{ type: 'fine', amount: 0 }])).toMatchObject({ code: 'AMOUNT_REQUIRED' });
    expect(await err([{ type: 'fine', amount: 50000.001 }])).toMatchObject({ code: 'AMOUNT_REQUIRED' });
    expect(await err([{ type: 'fine', amount: 50000 }, { type: 'confiscation_gains' }])).toMatchObject({ code: 'AMOUNT_REQUIRED', details: { field: 'penalties.1.amount' } });
    // No type twice, none unknown, no amount on a type without money.
    expect(await err([{ type: 'fine', amount: 50000 }, { type: 'fine', amount: 1 }])).toMatchObject({ code: 'DUPLICATE_PENALTY', details: { field: 'penalties.1.type' } });
    expect(await err([{ type: 'flogging' }])).toMatchObject({ code: 'UNKNOWN_PENALTY_TYPE' });
    expect(await err([{ type: 'warning', amount: 5 }])).toMatchObject({ details: { field: 'penalties.0.amount' } });
    expect(await err([])).toMatchObject({ details: { field: 'penalties' } });
    // warning, criticism: only where the level allows them (a warning alone with the exempt level: refused).
    expect(await err([{ type: 'warning' }])).toMatchObject({ code: 'PENALTY_NOT_ALLOWED' });
    expect(await err([{ type: 'warning' }], { discretionLevel: 'exempt' })).toMatchObject({ code: 'DISCRETION_LEVEL_NO_PENALTY' });
    expect((await run(handler, c, { penalties: [{ type: 'warning' }], discretionLevel: 'mitigated' })).patch).toMatchObject({ penaltyText: '警告', amountDue: '0.00' });
    expect(await err([{ type: 'criticism' }], { discretionLevel: 'mitigated' })).toMatchObject({ code: 'PENALTY_NOT_ALLOWED' });
    // confiscation: its note names the goods.
    const pq = { discretionRuleKey: 'pq_safety_standard', discretionLevel: 'ordinary', legalBasis: '《中华人民共和国产品质量法》第四十九条' };
    const conf = await run(handler, c, { ...pq, penalties: [{ type: 'fine', amount: 30000 }, { type: 'confiscation', note: '违法销售的电热毯12条' }, { type: 'confiscation_gains', amount: 800 }] });
    expect(conf.patch!.penaltyText).toBe('罚款人民币30000元；没收违法所得人民币800元；没收违法销售的电热毯12条');
    // suspension: only at the heavier level of the unqualified-staff rule.
    const staff = { discretionRuleKey: 'se_unqualified_staff', legalBasis: '《中华人民共和国特种设备安全法》第八十六条' };
    expect(await err([{ type: 'fine', amount: 20000 }, { type: 'suspension' }], { ...staff, discretionLevel: 'lighter' })).toMatchObject({ code: 'PENALTY_NOT_ALLOWED', details: { field: 'penalties.1.type' } });
    expect((await run(handler, c, { ...staff, discretionLevel: 'heavier', penalties: [{ type: 'fine', amount: 45000 }, { type: 'suspension', note: '停产停业整顿一个月' }] })).patch!.penaltyText).toBe('罚款人民币45000元；责令停产停业（停产停业整顿一个月）');
    // decidedOn: not in the future, not before the notice.
    expect(await err([{ type: 'fine', amount: 50000 }], { decidedOn: addDays(today, 1) })).toMatchObject({ details: { field: 'decidedOn' } });
    expect(await err([{ type: 'fine', amount: 50000 }], { decidedOn: past(20) })).toMatchObject({ details: { field: 'decidedOn' } });
  });

  it('revokes a licence through the licence module after the decision (fakes: the real wiring is tested by the links helper)', async () => {
    const { handler, revoked, revocation, scheduled } = fakes();
    const c = await notifiedCase();
    const rule = { discretionRuleKey: 'se_no_supervisory_inspection', legalBasis: '《中华人民共和国特种设备安全法》第七十九条' };
    expect(await errorOf(run(handler, c, { ...rule, discretionLevel: 'heavier', penalties: [{ type: 'fine', amount: 160000 }, { type: 'revocation' }] }))).toMatchObject({ code: 'LICENCE_REQUIRED', details: { field: 'penalties.1.licenceId' } });
    const licenceId = '00000000-0000-4000-8000-000000000abc';
    expect(await errorOf(run(handler, c, { ...rule, discretionLevel: 'ordinary', penalties: [{ type: 'fine', amount: 100000 }, { type: 'revocation', licenceId }] }))).toMatchObject({ code: 'PENALTY_NOT_ALLOWED' });
    await expect(run(handler, c, { ...rule, discretionLevel: 'heavier', penalties: [{ type: 'fine', amount: 160000 }, { type: 'revocation', licenceId: '00000000-0000-4000-8000-00000000dead' }] })).rejects.toThrow('licence not in force');
    const r = await run(handler, c, { ...rule, discretionLevel: 'heavier', penalties: [{ type: 'revocation', licenceId }, { type: 'fine', amount: 160000 }] });
    expect(revocation.check).toHaveBeenLastCalledWith(env.db, env.ctx.actor, licenceId, c.uscc);
    expect(r.patch!.penaltyText).toBe('罚款人民币160000元；吊销特种设备生产许可证（制造）（编号：TS320826-0001）');
    expect(revoked).toEqual([]);
    const updated = await apply(c, r);
    expect(revoked).toEqual([{ licenceId, decision: { caseId: c.id, documentNo: r.patch!.documentNo, decidedOn: today, reason: base.violation, legalBasis: rule.legalBasis } }]);
    expect(scheduled).toContain(updated.id);
  });

  it('words penalties in the order of the law', () => {
    expect(penaltyWording([{ type: 'confiscation_gains', amount: 1200 }, { type: 'warning' }, { type: 'fine', amount: 5000 }])).toBe('警告；罚款人民币5000元；没收违法所得人民币1200元');
  });
});

describe('the documents', () => {
  const docs = () => env.services.cases.documents;
  const textOf = async (content: Buffer) => (await (await JSZip.loadAsync(content)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');

  it('are 409 DOCUMENT_NOT_AVAILABLE before their stage', async () => {
    const lead = await makeCase(env);
    for (const kind of ['filing_approval', 'penalty_notice', 'penalty_decision', 'closing_report'] as const) {
      expect(await errorOf(docs().render(env.db, lead.id, kind))).toMatchObject({ code: 'DOCUMENT_NOT_AVAILABLE', status: 409 });
    }
    const opened = await makeCase(env, { stage: 'investigating', openedOn: today, investigatorNames: ['甲', '乙'] });
    expect((await docs().render(env.db, opened.id, 'filing_approval')).fileName).toBe(`立案审批表-${opened.caseNo}.docx`);
    expect(await errorOf(docs().render(env.db, opened.id, 'penalty_notice'))).toMatchObject({ code: 'DOCUMENT_NOT_AVAILABLE' });
    expect(await errorOf(docs().render(env.db, opened.id, 'penalty_decision'))).toMatchObject({ code: 'DOCUMENT_NOT_AVAILABLE' });
    expect((await docs().all(env.db, lead.id)).map((d) => d.kind)).toEqual([]);
  });

  it('open as .docx with the party, the inquiry unsealed, the notice with its deadline, the decision and the closing report', async () => {
    const org = await env.orgIn('320826');
    const c = await makeCase(env, {
      stage: 'closed',
      partyName: '涟水县文书测试电器有限公司',
      uscc: '91320826MA1DOC0001',
      openedOn: past(60),
      openedByName: '科长甲',
      investigatorNames: ['执法甲', '执法乙'],
      decisionDueOn: addDays(past(60), 90),
      notifiedOn: past(30),
      noticeNo: '涟市监罚告〔2026〕77号',
      intendedPenalty: { penalties: [{ type: 'fine', amount: 50000 }], wording: '拟处罚款人民币50000元', violation: '当事人销售不合格电热毯', legalBasis: '《中华人民共和国产品质量法》第四十九条', discretionRuleKey: 'pq_safety_standard', discretionLevel: 'ordinary' },
      defenceDueOn: past(25),
      defenceDueCertain: false,
      decidedOn: past(20),
      documentNo: `涟市监罚〔2026〕${Math.floor(Math.random() * 1e6)}号`,
      penalties: [{ type: 'fine', amount: 50000 }],
      penaltyText: '罚款人民币50000元',
      violation: '当事人销售不合格电热毯',
      legalBasis: '《中华人民共和国产品质量法》第四十九条',
      discretionRuleKey: 'pq_safety_standard',
      discretionLevel: 'ordinary',
      amountDue: '50000.00',
      amountPaid: '50000.00',
      servedOn: past(18),
      closedOn: past(1),
      closingSummary: '罚款已全额缴纳，结案。',
    });
    const [inquiry] = await env.db
      .insert(caseEvidence)
      .values({ caseId: c.id, kind: 'inquiry', title: '对当事人负责人的询问', collectedOn: past(50), place: '当事人经营场所', officerIds: [], officerNames: ['执法甲', '执法乙'], intervieweeSealed: env.services.personal.seal('王测试'), intervieweeMasked: maskName('王测试'), content: '问：你是否知道这批电热毯不合格？\n答：不知道。', producedByOrgId: org.id, producedByName: org.name, createdByName: '执法甲' })
      .returning();

    const filing = await textOf((await docs().render(env.db, c.id, 'filing_approval')).content);
    expect(filing).toContain('涟水县文书测试电器有限公司');
    expect(filing).toContain('执法甲、执法乙');
    const record = await docs().render(env.db, c.id, 'inquiry_record', { evidenceId: inquiry!.id });
    expect(record.fileName).toBe(`询问笔录-${c.caseNo}-1.docx`);
    const recordText = await textOf(record.content);
    expect(recordText).toContain('王测试');
    expect(recordText).toContain('涟水县文书测试电器有限公司');
    expect(await errorOf(docs().render(env.db, c.id, 'inquiry_record'))).toMatchObject({ details: { field: 'evidenceId' } });
    const notice = await textOf((await docs().render(env.db, c.id, 'penalty_notice')).content);
    expect(notice).toContain('涟水县文书测试电器有限公司');
    expect(notice).toContain('拟处罚款人民币50000元');
    expect(notice).toContain('听证');
    expect(notice).toContain('⚠');
    const decision = await textOf((await docs().render(env.db, c.id, 'penalty_decision')).content);
    expect(decision).toContain(c.documentNo!);
    expect(decision).toContain('涟水县文书测试电器有限公司');
    expect(decision).toContain('对当事人负责人的询问');
    expect(decision).toContain('《中华人民共和国产品质量法》第十三条');
    expect(decision).toContain('六十日内');
    expect(decision).toContain('六个月内');
    expect(decision).toContain('十五日内');
    const closing = await textOf((await docs().render(env.db, c.id, 'closing_report')).content);
    expect(closing).toContain('罚款已全额缴纳');
    // The package's list, in stage order; the same bytes when rendered again (the police package's hashes).
    const all = await docs().all(env.db, c.id);
    expect(all.map((d) => d.kind)).toEqual(['filing_approval', 'inquiry_record', 'penalty_notice', 'penalty_decision', 'closing_report']);
    const again = await docs().all(env.db, c.id);
    expect(again.map((d) => d.content.equals(all[again.indexOf(d)]!.content))).toEqual([true, true, true, true, true]);
  });

  it("the notice tells the party the bureau's address and phone where its org record has them", async () => {
    const c = await makeCase(env, {
      stage: 'notified',
      openedOn: past(40),
      investigatorNames: ['执法甲', '执法乙'],
      notifiedOn: past(3),
      noticeNo: '涟市监罚告〔2026〕78号',
      intendedPenalty: { penalties: [{ type: 'warning' }], wording: '拟给予警告', violation: '当事人未按规定标注产品标识', legalBasis: '《中华人民共和国产品质量法》第五十四条', discretionRuleKey: null, discretionLevel: null },
      defenceDueOn: addDays(past(3), 5),
      defenceDueCertain: true,
    });
    const notice = async () => textOf((await docs().render(env.db, c.id, 'penalty_notice')).content);
    expect(await notice()).not.toContain('本局地址');
    await env.services.jurisdiction.updateOrg(env.ctx, c.orgId, { address: '涟水县示范路 8 号', phone: '0517-82345678' });
    expect(await notice()).toContain('本局地址：涟水县示范路 8 号；联系电话：0517-82345678。');
    await env.services.jurisdiction.updateOrg(env.ctx, c.orgId, { address: null });
    const text = await notice();
    expect(text).toContain('联系电话：0517-82345678。');
    expect(text).not.toContain('本局地址');
  });
});
