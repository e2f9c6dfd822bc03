import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import type { CasesDeps } from '../cases.deps.js';
import { caseEvidence, caseFiles, cases } from '../cases.schema.js';
import type { CaseDocuments, RenderedDocument } from '../decision/documents.js';
import { makeCasesService } from '../lifecycle/cases.service.js';
import { makeCase } from '../testing.js';
import { makeOversightHandlers } from './handlers.js';
import { caseProgressReports, caseTransfers } from './oversight.schema.js';
import { makeOversightService } from './oversight.service.js';
import { MANIFEST_PATH, PACKAGE_DATE, sha256Of, zipPackage } from './package.js';

/**
 * Issue 18, oversight: 督办 (the city supervises, the county reports, overdue reports are to-dos for
 * both), 联办 (parties, their tasks, visibility across bureaus), 行刑衔接 (the transfer, its evidence
 * package's manifest hashes, the police's decision, statistics). The case's documents are faked
 * here (fixed bytes): the package's rules do not depend on what the documents say.
 */
const env = useServiceEnv();

const DOCS: RenderedDocument[] = [
  { kind: 'filing_approval', fileName: '立案审批表-测试.docx', content: Buffer.from('filing approval bytes') },
  { kind: 'inquiry_record', fileName: '询问笔录-测试-1.docx', content: Buffer.from('inquiry record bytes') },
];
const documents = { render: async () => DOCS[0]!, all: async () => DOCS } as unknown as CaseDocuments;

let services: { cases: ReturnType<typeof makeCasesService>; oversight: ReturnType<typeof makeOversightService> };
const svc = () => services;

async function actorOf(roles: string[], regionCode: string, orgId?: string): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode, orgId });
  return (await env.services.users.loadActor(user.id))! as Actor;
}
const ctxOf = (actor: Actor) => ({ actor });

let lianshui: Actor; // 涟水 county officer: the lead bureau
let xuyi: Actor; // 盱眙 county officer: a party bureau
let jinhu: Actor; // 金湖 county officer: not a party
let cityHead: Actor; // city bureau section head: case.supervise
let countyHead: Actor; // 涟水 section head: case.supervise, but not the city
let cityOfficer: Actor; // city bureau officer: case.write, not the lead party

beforeAll(async () => {
  const s = env.services;
  const deps: CasesDeps = {
    db: env.db,
    audit: s.audit,
    calendar: s.calendar,
    jurisdiction: s.jurisdiction,
    todos: s.todos,
    users: s.users,
    personal: s.personal,
    rules: env.config.caseRules,
    leadSources: {},
    revocation: { check: () => Promise.reject(new Error('unused')), revoke: () => Promise.reject(new Error('unused')) },
    plans: s.plans,
    draws: s.draws,
  };
  const handlers = makeOversightHandlers({ ...deps, documents });
  const cases = makeCasesService({ ...deps, handlers, documents });
  services = { cases, oversight: makeOversightService({ ...deps, cases, documents }) };
  lianshui = await actorOf(['county_officer'], '320826');
  xuyi = await actorOf(['county_officer'], '320830');
  jinhu = await actorOf(['county_officer'], '320831');
  cityHead = await actorOf(['section_head'], '320800');
  countyHead = await actorOf(['section_head'], '320826');
  cityOfficer = await actorOf(['city_officer'], '320800');
});

const act = (actor: Actor, id: string, action: string, input: Record<string, unknown>) => svc().cases.act(ctxOf(actor), id, action, input);
const openTodos = (kind: string, subjectId: string) => env.db.select().from(todos).where(and(eq(todos.kind, kind), eq(todos.subjectId, subjectId), eq(todos.status, 'open')));
const tomorrow = () => addDays(todayInChina(), 1);

describe('督办: supervision of a major case', () => {
  it('only a user of the city bureau holding case.supervise supervises (403 NOT_CITY; 403 without the permission)', async () => {
    const c = await makeCase(env);
    await expect(act(countyHead, c.id, 'supervise', { reason: '重大案件', reportDates: [tomorrow()] })).rejects.toMatchObject({ code: 'NOT_CITY', status: 403 });
    // Not offered to a county's section head; offered to the city's.
    expect((await svc().cases.get(countyHead, c.id)).allowedActions).not.toContain('supervise');
    expect((await svc().cases.get(cityHead, c.id)).allowedActions).toContain('supervise');
    await expect(act(lianshui, c.id, 'supervise', { reason: '重大案件', reportDates: [tomorrow()] })).rejects.toMatchObject({ status: 403 });
    const view = await act(cityHead, c.id, 'supervise', { reason: '涉案金额大，社会影响大', reportDates: [addDays(todayInChina(), 30), tomorrow()], documentNo: '淮市监督〔2026〕1号' });
    expect(view.supervised).toBe(true);
    expect(view.supervision).toMatchObject({ reason: '涉案金额大，社会影响大', startedOn: todayInChina(), nextReportDueOn: tomorrow(), overdueReports: 0 });
    const sup = await svc().oversight.supervision(lianshui, c.id);
    expect(sup.supervision).toMatchObject({ supervisingOrgName: expect.any(String), documentNo: '淮市监督〔2026〕1号' });
    expect(sup.reports.map((r) => r.dueOn)).toEqual([tomorrow(), addDays(todayInChina(), 30)]);
    // Once (409), and never on a closed case (409 INVALID_TRANSITION).
    await expect(act(cityHead, c.id, 'supervise', { reason: '再次', reportDates: [tomorrow()] })).rejects.toMatchObject({ code: 'ALREADY_SUPERVISED', status: 409 });
    const closed = await makeCase(env, { stage: 'closed' });
    await expect(act(cityHead, closed.id, 'supervise', { reason: 'x', reportDates: [tomorrow()] })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
  });

  it('report dates must be future days, without repeats', async () => {
    const c = await makeCase(env);
    await expect(act(cityHead, c.id, 'supervise', { reason: 'x', reportDates: [todayInChina()] })).rejects.toMatchObject({ status: 400, details: { field: 'reportDates.0' } });
    await expect(act(cityHead, c.id, 'supervise', { reason: 'x', reportDates: [tomorrow(), tomorrow()] })).rejects.toMatchObject({ status: 400, details: { field: 'reportDates.1' } });
    await expect(act(cityHead, c.id, 'supervise', { reason: ' ', reportDates: [tomorrow()] })).rejects.toMatchObject({ status: 400, details: { field: 'reason' } });
  });

  it('report_progress: 409 NOT_SUPERVISED; fills the earliest unreported report, or the one named', async () => {
    const c = await makeCase(env);
    await expect(act(lianshui, c.id, 'report_progress', { content: '进展' })).rejects.toMatchObject({ code: 'NOT_SUPERVISED', status: 409 });
    const d1 = tomorrow();
    const d2 = addDays(todayInChina(), 10);
    const d3 = addDays(todayInChina(), 20);
    await act(cityHead, c.id, 'supervise', { reason: '督办', reportDates: [d3, d1, d2] });
    await act(lianshui, c.id, 'report_progress', { content: '已完成现场检查' });
    let { reports } = await svc().oversight.supervision(lianshui, c.id);
    expect(reports.map((r) => [r.dueOn, r.reportedOn, r.content])).toEqual([
      [d1, todayInChina(), '已完成现场检查'],
      [d2, null, null],
      [d3, null, null],
    ]);
    await act(lianshui, c.id, 'report_progress', { content: '第三次', reportId: reports[2]!.id });
    await expect(act(lianshui, c.id, 'report_progress', { content: '重复', reportId: reports[2]!.id })).rejects.toMatchObject({ code: 'ALREADY_REPORTED', status: 409 });
    await act(lianshui, c.id, 'report_progress', { content: '第二次' });
    ({ reports } = await svc().oversight.supervision(lianshui, c.id));
    expect(reports.map((r) => r.content)).toEqual(['已完成现场检查', '第二次', '第三次']);
    await expect(act(lianshui, c.id, 'report_progress', { content: '多余' })).rejects.toMatchObject({ code: 'NO_REPORT_DUE', status: 409 });
  });

  it('an overdue report is a to-do for the county and, flagged once, for the city; both resolve when reported', async () => {
    const c = await makeCase(env);
    const d1 = tomorrow();
    const d2 = addDays(todayInChina(), 10);
    await act(cityHead, c.id, 'supervise', { reason: '督办', reportDates: [d1, d2] });
    // The day after the first date: it is overdue.
    const later = addDays(d1, 1);
    await svc().oversight.syncSupervisionTodos({ today: later });
    const county = await openTodos('case.supervision_report', c.id);
    const city = await openTodos('case.supervision_overdue', c.id);
    expect(county).toHaveLength(1);
    expect(city).toHaveLength(1);
    expect(county[0]).toMatchObject({ orgId: c.orgId, permission: 'case.write', dueOn: d1, regionCode: '320826' });
    expect(city[0]).toMatchObject({ orgId: cityHead.orgId, permission: 'case.supervise', dueOn: d1 });
    // Addressed: the county's officer and the city's head see theirs, not the other's.
    const countyList = (await env.services.todos.list(lianshui, { page: 1, pageSize: 500 })).items.filter((t) => t.subjectId === c.id);
    const cityList = (await env.services.todos.list(cityHead, { page: 1, pageSize: 500 })).items.filter((t) => t.subjectId === c.id);
    expect(countyList.map((t) => t.kind)).toEqual(['case.supervision_report']);
    expect(cityList.map((t) => t.kind)).toEqual(['case.supervision_overdue']);
    const [flagged] = await env.db.select().from(caseProgressReports).where(and(eq(caseProgressReports.caseId, c.id), eq(caseProgressReports.dueOn, d1)));
    expect(flagged!.flaggedAt).toBeInstanceOf(Date);
    // The case view counts it.
    const view = await svc().cases.get(lianshui, c.id);
    expect(view.supervision).toMatchObject({ nextReportDueOn: d1 });
    // A second run flags nothing again and creates nothing.
    const again = await svc().oversight.syncSupervisionTodos({ today: later });
    expect(again).toMatchObject({ flagged: 0, created: 0 });
    const [still] = await env.db.select().from(caseProgressReports).where(eq(caseProgressReports.id, flagged!.id));
    expect(still!.flaggedAt!.getTime()).toBe(flagged!.flaggedAt!.getTime());
    // Reported (late): both to-dos resolve at once; the next run keeps them resolved.
    await act(lianshui, c.id, 'report_progress', { content: '补报进展' });
    expect(await openTodos('case.supervision_report', c.id)).toHaveLength(0);
    expect(await openTodos('case.supervision_overdue', c.id)).toHaveLength(0);
    await svc().oversight.syncSupervisionTodos({ today: later });
    expect(await openTodos('case.supervision_report', c.id)).toHaveLength(0);
  });
});

describe('联办: joint cases', () => {
  it('only the lead party adds a party: an active bureau of the jurisdiction once, or an outside bureau by name', async () => {
    const c = await makeCase(env);
    const xuyiOrg = await env.orgIn('320830');
    await expect(act(cityOfficer, c.id, 'add_party', { orgId: xuyiOrg.id, role: 'assisting' })).rejects.toMatchObject({ code: 'NOT_LEAD_PARTY', status: 403 });
    const view = await act(lianshui, c.id, 'add_party', { orgId: xuyiOrg.id, role: 'assisting', contact: '张三 0517-1234567' });
    expect(view.joint).toBe(true);
    expect(view.parties.map((p) => [p.role, p.orgId])).toEqual([
      ['lead', c.orgId],
      ['assisting', xuyiOrg.id],
    ]);
    await expect(act(lianshui, c.id, 'add_party', { orgId: xuyiOrg.id, role: 'assisting' })).rejects.toMatchObject({ code: 'ALREADY_PARTY', status: 409 });
    await expect(act(lianshui, c.id, 'add_party', { orgId: c.orgId, role: 'assisting' })).rejects.toMatchObject({ code: 'ALREADY_PARTY', status: 409 });
    // Not a bureau (a city section), or inactive: 400 naming orgId.
    const [section] = await env.db.select().from(orgs).where(eq(orgs.type, 'city_section')).limit(1);
    if (section) await expect(act(lianshui, c.id, 'add_party', { orgId: section.id, role: 'assisting' })).rejects.toMatchObject({ status: 400, details: { field: 'orgId' } });
    // Outside the city: by name (required).
    await expect(act(lianshui, c.id, 'add_party', { role: 'assisting' })).rejects.toMatchObject({ status: 400, details: { field: 'externalName' } });
    const ext = await act(lianshui, c.id, 'add_party', { externalName: '宿迁市泗洪县市场监督管理局', externalRegion: '江苏省宿迁市', role: 'assisting' });
    expect(ext.parties.at(-1)).toMatchObject({ role: 'assisting', orgId: null, name: '宿迁市泗洪县市场监督管理局' });
    await expect(act(lianshui, c.id, 'add_party', { externalName: '宿迁市泗洪县市场监督管理局', role: 'assisting' })).rejects.toMatchObject({ code: 'ALREADY_PARTY', status: 409 });
  });

  it("a party bureau's county user sees the joint case of another county and all its evidence; a non-party gets 404", async () => {
    const c = await makeCase(env, { stage: 'investigating', openedOn: todayInChina() });
    await expect(svc().cases.get(xuyi, c.id)).rejects.toMatchObject({ status: 404 });
    await act(lianshui, c.id, 'add_party', { orgId: (await env.orgIn('320830')).id, role: 'assisting' });
    await env.db.insert(caseEvidence).values({ caseId: c.id, kind: 'document', title: '购销合同', collectedOn: todayInChina(), officerIds: [], officerNames: ['甲', '乙'], producedByOrgId: c.orgId, producedByName: '涟水县市场监督管理局', createdByName: '测试' });
    expect((await svc().cases.get(xuyi, c.id)).caseNo).toBe(c.caseNo);
    expect((await svc().cases.evidence(xuyi, c.id)).items.map((e) => e.title)).toEqual(['购销合同']);
    expect((await svc().cases.list(xuyi, { joint: true }, { page: 1, pageSize: 500 })).items.map((i) => i.id)).toContain(c.id);
    await expect(svc().cases.get(jinhu, c.id)).rejects.toMatchObject({ status: 404 });
    await expect(svc().oversight.parties(jinhu, c.id)).rejects.toMatchObject({ status: 404 });
    await expect(svc().oversight.supervision(jinhu, c.id)).rejects.toMatchObject({ status: 404 });
    await expect(svc().oversight.transfers(jinhu, c.id)).rejects.toMatchObject({ status: 404 });
  });

  it('tasks: the lead assigns, a party sees its own (the lead all), its bureau gets the to-do and marks it done', async () => {
    const c = await makeCase(env);
    const xuyiOrg = await env.orgIn('320830');
    const hongze = await env.orgIn('320813');
    await act(lianshui, c.id, 'add_party', { orgId: xuyiOrg.id, role: 'assisting' });
    await act(lianshui, c.id, 'add_party', { orgId: hongze.id, role: 'assisting' });
    const parties = (await svc().oversight.parties(lianshui, c.id)).items;
    const xuyiParty = parties.find((p) => p.orgId === xuyiOrg.id)!;
    const hongzeParty = parties.find((p) => p.orgId === hongze.id)!;
    await expect(svc().oversight.addTask(ctxOf(xuyi), c.id, hongzeParty.id, { title: '越权分派' })).rejects.toMatchObject({ code: 'NOT_LEAD_PARTY', status: 403 });
    const task = await svc().oversight.addTask(ctxOf(lianshui), c.id, xuyiParty.id, { title: '调取盱眙仓库出入库记录', dueOn: addDays(todayInChina(), 5) });
    await svc().oversight.addTask(ctxOf(lianshui), c.id, hongzeParty.id, { title: '询问洪泽经销商' });
    await expect(svc().oversight.addTask(ctxOf(lianshui), c.id, xuyiParty.id, { title: '过期', dueOn: addDays(todayInChina(), -1) })).rejects.toMatchObject({ status: 400, details: { field: 'dueOn' } });

    // 盱眙 sees its own task only; the lead sees both.
    const seenByXuyi = (await svc().oversight.parties(xuyi, c.id)).items;
    expect(seenByXuyi.find((p) => p.own)!.tasks.map((t) => t.title)).toEqual(['调取盱眙仓库出入库记录']);
    expect(seenByXuyi.find((p) => p.orgId === hongze.id)).toMatchObject({ tasksVisible: false, tasks: [] });
    const seenByLead = (await svc().oversight.parties(lianshui, c.id)).items;
    expect(seenByLead.flatMap((p) => p.tasks.map((t) => t.title)).sort()).toEqual(['询问洪泽经销商', '调取盱眙仓库出入库记录'].sort());

    // The to-do is 盱眙's.
    const xuyiTodos = (await env.services.todos.list(xuyi, { page: 1, pageSize: 500 })).items.filter((t) => t.kind === 'case.party_task' && t.subjectId === c.id);
    expect(xuyiTodos.map((t) => t.dueOn)).toEqual([addDays(todayInChina(), 5)]);
    expect((await env.services.todos.list(lianshui, { page: 1, pageSize: 500 })).items.filter((t) => t.kind === 'case.party_task' && t.subjectId === c.id)).toHaveLength(0);

    // Done by its party only.
    await expect(svc().oversight.completeTask(ctxOf(lianshui), task.id, {})).rejects.toMatchObject({ code: 'NOT_TASK_PARTY', status: 403 });
    await expect(svc().oversight.completeTask(ctxOf(jinhu), task.id, {})).rejects.toMatchObject({ status: 404 });
    const done = await svc().oversight.completeTask(ctxOf(xuyi), task.id, { note: '已调取' });
    expect(done).toMatchObject({ doneOn: todayInChina(), doneNote: '已调取' });
    expect(await openTodos('case.party_task', c.id)).toHaveLength(1); // 洪泽's remains
    await expect(svc().oversight.completeTask(ctxOf(xuyi), task.id, {})).rejects.toMatchObject({ code: 'TASK_DONE', status: 409 });
  });

  it("an outside party's task is done by the lead party", async () => {
    const c = await makeCase(env);
    await act(lianshui, c.id, 'add_party', { externalName: '连云港市灌南县市场监督管理局', role: 'assisting' });
    const ext = (await svc().oversight.parties(lianshui, c.id)).items.find((p) => p.external)!;
    const task = await svc().oversight.addTask(ctxOf(lianshui), c.id, ext.id, { title: '协查灌南生产厂' });
    expect(await openTodos('case.party_task', c.id)).toHaveLength(0); // no accounts outside the city
    expect(await svc().oversight.completeTask(ctxOf(lianshui), task.id, { note: '函复已收到' })).toMatchObject({ doneNote: '函复已收到' });
  });
});

describe('行刑衔接: transfer to the police', () => {
  /** A case in investigation with one piece of evidence and two attachments (one with the same name as the other). */
  async function investigating(regionCode?: string) {
    const c = await makeCase(env, { stage: 'investigating', openedOn: todayInChina(), regionCode });
    const [ev] = await env.db
      .insert(caseEvidence)
      .values({ caseId: c.id, kind: 'physical', title: '扣押的不合格电线', collectedOn: todayInChina(), officerIds: [], officerNames: ['甲', '乙'], producedByOrgId: c.orgId, producedByName: '测试局', createdByName: '测试' })
      .returning();
    for (const content of [Buffer.from('%PDF-1.7 test report one'), Buffer.from('%PDF-1.7 test report two')]) {
      await env.db.insert(caseFiles).values({ caseId: c.id, evidenceId: ev!.id, fileName: '检验报告.pdf', contentType: 'application/pdf', size: content.length, sha256: sha256Of(content), content, producedByOrgId: c.orgId, createdByName: '测试' });
    }
    return c;
  }
  const transferInput = (over: Record<string, unknown> = {}) => ({ transferredOn: todayInChina(), receivingOrgan: '涟水县公安局', reason: '涉嫌生产销售伪劣产品，货值金额超过五万元', suspectedCrime: '生产、销售伪劣产品罪', ...over });

  it('moves the case to transferred (stage kept), with the package whose manifest hashes every file', async () => {
    const c = await investigating();
    await expect(act(lianshui, c.id, 'transfer', transferInput({ transferredOn: tomorrow() }))).rejects.toMatchObject({ status: 400, details: { field: 'transferredOn' } });
    const view = await act(lianshui, c.id, 'transfer', transferInput());
    expect(view).toMatchObject({ stage: 'transferred', stageBeforeTransfer: 'investigating', transferred: true });
    const { items } = await svc().oversight.transfers(lianshui, c.id);
    expect(items).toHaveLength(1);
    const t = items[0]!;
    expect(t.manifest.map((m) => m.path)).toEqual(['documents/01-立案审批表-测试.docx', 'documents/02-询问笔录-测试-1.docx', 'evidence/扣押的不合格电线/检验报告 (2).pdf', 'evidence/扣押的不合格电线/检验报告.pdf']);

    // The download: the same bytes as recorded, and each file's hash as the manifest says.
    const pkg = await svc().oversight.package(lianshui, t.id);
    expect(pkg.sha256).toBe(t.packageSha256);
    expect(sha256Of(pkg.content)).toBe(t.packageSha256);
    const zip = await JSZip.loadAsync(pkg.content);
    const manifest = JSON.parse(await zip.file(MANIFEST_PATH)!.async('string')) as { caseNo: string; transferredOn: string; files: { path: string; sha256: string; size: number; description: string }[] };
    expect(manifest).toMatchObject({ caseNo: c.caseNo, transferredOn: todayInChina() });
    expect(manifest.files).toEqual(t.manifest);
    expect(Object.keys(zip.files).sort()).toEqual([MANIFEST_PATH, ...manifest.files.map((f) => f.path)].sort());
    for (const f of manifest.files) {
      const bytes = await zip.file(f.path)!.async('nodebuffer');
      expect(sha256Of(bytes), f.path).toBe(f.sha256);
      expect(bytes.length).toBe(f.size);
    }
    for (const entry of Object.values(zip.files)) expect(entry.date.getTime()).toBe(PACKAGE_DATE.getTime());
    expect(manifest.files.find((f) => f.path.startsWith('evidence/'))!.description).toBe('证据：扣押的不合格电线');

    // The police's to-do for the bureau.
    expect(await openTodos('case.police_pending', c.id)).toMatchObject([{ orgId: c.orgId, permission: 'case.write' }]);
  });

  it('the package is deterministic: the same files give the same bytes', async () => {
    const files = [
      { path: 'b/二.pdf', content: Buffer.from('two'), description: '二' },
      { path: 'a/一.docx', content: Buffer.from('one'), description: '一' },
    ];
    const first = await zipPackage({ caseNo: 'AJ2026000001', transferredOn: '2026-10-01' }, files);
    await new Promise((r) => setTimeout(r, 1100));
    const second = await zipPackage({ caseNo: 'AJ2026000001', transferredOn: '2026-10-01' }, [...files].reverse());
    expect(second.sha256).toBe(first.sha256);
    expect(second.zip.equals(first.zip)).toBe(true);
    expect(first.manifest.map((m) => m.path)).toEqual(['a/一.docx', 'b/二.pdf']);
  });

  it('a transfer is refused after service (409 INVALID_TRANSITION)', async () => {
    const c = await makeCase(env, { stage: 'served' });
    await expect(act(lianshui, c.id, 'transfer', transferInput())).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
  });

  it('receipt once; not accepted needs a reason and returns the case to its stage; follow-ups; the to-do resolves', async () => {
    const c = await investigating();
    await act(lianshui, c.id, 'transfer', transferInput());
    const t = (await svc().oversight.transfers(lianshui, c.id)).items[0]!;
    await expect(svc().oversight.recordReceipt(ctxOf(jinhu), t.id, { receiptNo: 'X', receiptOn: todayInChina() })).rejects.toMatchObject({ status: 404 });
    const r = await svc().oversight.recordReceipt(ctxOf(lianshui), t.id, { receiptNo: '涟公受〔2026〕88号', receiptOn: todayInChina() });
    expect(r).toMatchObject({ receiptNo: '涟公受〔2026〕88号', receiptOn: todayInChina() });
    await expect(svc().oversight.recordReceipt(ctxOf(lianshui), t.id, { receiptNo: 'again', receiptOn: todayInChina() })).rejects.toMatchObject({ code: 'RECEIPT_RECORDED', status: 409 });
    await expect(svc().oversight.recordDecision(ctxOf(lianshui), t.id, { decision: 'not_accepted', decisionOn: todayInChina() })).rejects.toMatchObject({ status: 400, details: { field: 'reason' } });
    const f = await svc().oversight.addFollowUp(ctxOf(lianshui), t.id, { on: todayInChina(), note: '电话询问审查进度' });
    expect(f.followUps).toMatchObject([{ on: todayInChina(), note: '电话询问审查进度' }]);
    const d = await svc().oversight.recordDecision(ctxOf(lianshui), t.id, { decision: 'not_accepted', decisionOn: todayInChina(), reason: '货值金额未达立案追诉标准' });
    expect(d).toMatchObject({ decision: 'not_accepted', decisionReason: '货值金额未达立案追诉标准' });
    const [row] = await env.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ stage: 'investigating', stageBeforeTransfer: null, transferred: false });
    expect(await openTodos('case.police_pending', c.id)).toHaveLength(0);
    await expect(svc().oversight.recordDecision(ctxOf(lianshui), t.id, { decision: 'accepted', decisionOn: todayInChina() })).rejects.toMatchObject({ code: 'ALREADY_DECIDED', status: 409 });
    const timeline = (await svc().cases.events(lianshui, c.id)).items.map((e) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['transfer', 'transfer_receipt', 'transfer_follow_up', 'transfer_decision']));
  });

  it('accepted: the case stays transferred', async () => {
    const c = await investigating();
    await act(lianshui, c.id, 'transfer', transferInput({ receivingOrgan: '淮安市公安局' }));
    const t = (await svc().oversight.transfers(lianshui, c.id)).items[0]!;
    await svc().oversight.recordDecision(ctxOf(lianshui), t.id, { decision: 'accepted', decisionOn: todayInChina() });
    const [row] = await env.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row).toMatchObject({ stage: 'transferred', transferred: true });
  });

  it('statistics: by decision, organ and region, in the actor’s scope and by year', async () => {
    const year = Number(todayInChina().slice(0, 4));
    const jinhuOrg = await env.orgIn('320831');
    const jinhuOfficer = await actorOf(['county_officer'], '320831', jinhuOrg.id);
    const before = await svc().oversight.stats(jinhuOfficer, { year });
    const c1 = await investigating('320831');
    const c2 = await investigating('320831');
    await act(jinhuOfficer, c1.id, 'transfer', transferInput({ receivingOrgan: '金湖县公安局' }));
    await act(jinhuOfficer, c2.id, 'transfer', transferInput({ receivingOrgan: '金湖县公安局' }));
    const t1 = (await svc().oversight.transfers(jinhuOfficer, c1.id)).items[0]!;
    await svc().oversight.recordDecision(ctxOf(jinhuOfficer), t1.id, { decision: 'accepted', decisionOn: todayInChina() });
    const after = await svc().oversight.stats(jinhuOfficer, { year });
    expect(after.total - before.total).toBe(2);
    expect(after.accepted - before.accepted).toBe(1);
    expect(after.pending - before.pending).toBe(1);
    expect(after.byOrgan.find((o) => o.receivingOrgan === '金湖县公安局')).toMatchObject({ total: 2, accepted: 1, notAccepted: 0, pending: 1 });
    expect(after.byRegion.map((r) => r.regionCode)).toEqual(['320831']);
    expect(after.byRegion[0]!.regionName).toBeTruthy();
    // Another county's officer sees none of them; the city sees them under 320831; another year has none.
    const lianshuiStats = await svc().oversight.stats(lianshui, { year });
    expect(lianshuiStats.byRegion.find((r) => r.regionCode === '320831')).toBeUndefined();
    const city = await svc().oversight.stats(cityHead, { year, regionCode: '320831' });
    expect(city.total).toBe(after.total);
    expect((await svc().oversight.stats(cityHead, { year: year - 5 })).total).toBe(0);
    // Transfers of a case whose transfer is read back by id match the view.
    const [stored] = await env.db.select().from(caseTransfers).where(eq(caseTransfers.id, t1.id));
    expect(stored!.decision).toBe('accepted');
  });
});
