import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useTestEnv } from '../../../test/app.js';
import { makeCase } from '../testing.js';

/**
 * Issue 18, oversight over HTTP with the module as wired (the real documents): the transfer's
 * package downloads with X-Package-SHA256 and its manifest's hashes; the police's decision;
 * statistics; supervision; joint parties and their tasks seen from another county; 404 for a
 * non-party; 403 without the permission.
 */
const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let lianshui: Client;
let xuyi: Client;
let jinhu: Client;
let cityHead: Client;
let inspector: Client;
let investigators: string[];

async function login(roles: string[], regionCode: string) {
  const user = await env.makeUser({ roles, regionCode });
  return { client: await env.login(user.username), id: user.id };
}

beforeAll(async () => {
  const a = await login(['county_officer'], '320826');
  const b = await login(['inspector'], '320826');
  lianshui = a.client;
  inspector = b.client;
  investigators = [a.id, b.id];
  xuyi = (await login(['county_officer'], '320830')).client;
  jinhu = (await login(['county_officer'], '320831')).client;
  cityHead = (await login(['section_head'], '320800')).client;
});

/** A case opened today by two investigators (the stage the filing approval form is reached at). */
const investigating = () =>
  makeCase(env, { stage: 'investigating', openedOn: todayInChina(), openedByName: '测试科长', investigatorIds: investigators, investigatorNames: ['执法甲', '执法乙'], decisionDueOn: addDays(todayInChina(), 90) });

describe('transfer to the police over HTTP', () => {
  it('transfers, downloads the package (hash header, manifest hashes), records receipt, follow-up and decision; stats count it', async () => {
    const c = await investigating();
    const res = await lianshui.post(`/api/cases/${c.id}/actions`, { action: 'transfer', transferredOn: todayInChina(), receivingOrgan: '涟水县公安局', reason: '涉嫌生产、销售伪劣产品', suspectedCrime: '生产、销售伪劣产品罪' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'transferred', stageBeforeTransfer: 'investigating', transferred: true });

    const list = await lianshui.get(`/api/cases/${c.id}/transfers`);
    expect(list.statusCode, list.body).toBe(200);
    const t = list.json().items[0] as { id: string; packageSha256: string; manifest: { path: string; sha256: string; size: number }[] };
    expect(list.json().total).toBe(1);

    const pkg = await lianshui.get(`/api/case-transfers/${t.id}/package`);
    expect(pkg.statusCode, pkg.body.slice(0, 200)).toBe(200);
    expect(pkg.headers['content-type']).toContain('application/zip');
    expect(pkg.headers['x-package-sha256']).toBe(t.packageSha256);
    expect(sha(pkg.rawPayload)).toBe(t.packageSha256);
    const zip = await JSZip.loadAsync(pkg.rawPayload);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { caseNo: string; files: { path: string; sha256: string; size: number }[] };
    expect(manifest.caseNo).toBe(c.caseNo);
    expect(manifest.files).toEqual(t.manifest);
    expect(manifest.files.some((f) => f.path.startsWith('documents/') && f.path.endsWith('.docx'))).toBe(true);
    for (const f of manifest.files) {
      const bytes = await zip.file(f.path)!.async('nodebuffer');
      expect(sha(bytes), f.path).toBe(f.sha256);
      expect(bytes.length).toBe(f.size);
    }
    // The same package on a second download.
    expect(sha((await lianshui.get(`/api/case-transfers/${t.id}/package`)).rawPayload)).toBe(t.packageSha256);
    expect((await jinhu.get(`/api/case-transfers/${t.id}/package`)).statusCode).toBe(404);

    expect((await lianshui.post(`/api/case-transfers/${t.id}/receipt`, { receiptNo: '涟公受字〔2026〕1号', receiptOn: todayInChina() })).statusCode).toBe(200);
    expect((await lianshui.post(`/api/case-transfers/${t.id}/follow-ups`, { on: todayInChina(), note: '公安机关正在审查' })).json().followUps).toHaveLength(1);
    const refused = await lianshui.post(`/api/case-transfers/${t.id}/decision`, { decision: 'not_accepted', decisionOn: todayInChina() });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.field).toBe('reason');
    const decided = await lianshui.post(`/api/case-transfers/${t.id}/decision`, { decision: 'not_accepted', decisionOn: todayInChina(), reason: '未达立案追诉标准' });
    expect(decided.statusCode, decided.body).toBe(200);
    const back = (await lianshui.get(`/api/cases/${c.id}`)).json();
    expect(back).toMatchObject({ stage: 'investigating', transferred: false });

    const stats = await cityHead.get(`/api/case-transfers/stats?year=${todayInChina().slice(0, 4)}&regionCode=320826`);
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json()).toMatchObject({ total: 1, notAccepted: 1, pending: 0, byOrgan: [{ receivingOrgan: '涟水县公安局', total: 1 }], byRegion: [{ regionCode: '320826', total: 1 }] });
  });
});

describe('supervision and joint parties over HTTP', () => {
  it('the city supervises, the county reports; GET supervision', async () => {
    const c = await makeCase(env);
    const denied = await lianshui.post(`/api/cases/${c.id}/actions`, { action: 'supervise', reason: 'x', reportDates: [addDays(todayInChina(), 7)] });
    expect(denied.statusCode).toBe(403);
    const sup = await cityHead.post(`/api/cases/${c.id}/actions`, { action: 'supervise', reason: '群众反映强烈', reportDates: [addDays(todayInChina(), 7)] });
    expect(sup.statusCode, sup.body).toBe(200);
    expect(sup.json().supervision).toMatchObject({ reason: '群众反映强烈', overdueReports: 0 });
    const rep = await lianshui.post(`/api/cases/${c.id}/actions`, { action: 'report_progress', content: '已立案调查' });
    expect(rep.statusCode, rep.body).toBe(200);
    const got = await lianshui.get(`/api/cases/${c.id}/supervision`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json().reports).toMatchObject([{ reportedOn: todayInChina(), content: '已立案调查', overdue: false }]);
    expect((await jinhu.get(`/api/cases/${c.id}/supervision`)).statusCode).toBe(404);
  });

  it("a party bureau sees the case and its own tasks; a non-party gets 404; the party marks its task done", async () => {
    const c = await makeCase(env);
    const xuyiOrg = await env.orgIn('320830');
    expect((await xuyi.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    const added = await lianshui.post(`/api/cases/${c.id}/actions`, { action: 'add_party', orgId: xuyiOrg.id, role: 'assisting' });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().joint).toBe(true);
    expect((await xuyi.get(`/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await jinhu.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await jinhu.get(`/api/cases/${c.id}/parties`)).statusCode).toBe(404);

    const parties = (await lianshui.get(`/api/cases/${c.id}/parties`)).json().items as { id: string; orgId: string | null }[];
    const party = parties.find((p) => p.orgId === xuyiOrg.id)!;
    const task = await lianshui.post(`/api/cases/${c.id}/parties/${party.id}/tasks`, { title: '协查盱眙仓库', dueOn: addDays(todayInChina(), 3) });
    expect(task.statusCode, task.body).toBe(201);
    expect((await xuyi.post(`/api/cases/${c.id}/parties/${party.id}/tasks`, { title: '越权' })).statusCode).toBe(403);
    const seen = (await xuyi.get(`/api/cases/${c.id}/parties`)).json().items as { own: boolean; tasks: { title: string }[] }[];
    expect(seen.find((p) => p.own)!.tasks.map((t) => t.title)).toEqual(['协查盱眙仓库']);
    const todo = ((await xuyi.get('/api/todos?pageSize=500')).json().items as { kind: string; subjectId: string }[]).find((t) => t.kind === 'case.party_task' && t.subjectId === c.id);
    expect(todo).toBeDefined();
    const done = await xuyi.post(`/api/case-party-tasks/${task.json().id}/done`, { note: '已协查' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ doneOn: todayInChina(), doneNote: '已协查' });
  });

  it('inspectors cannot supervise (403), and reads need case.read', async () => {
    const c = await makeCase(env);
    expect((await inspector.post(`/api/cases/${c.id}/actions`, { action: 'supervise', reason: 'x', reportDates: [addDays(todayInChina(), 7)] })).statusCode).toBe(403);
    expect((await inspector.get(`/api/cases/${c.id}/parties`)).statusCode).toBe(200);
  });
});
