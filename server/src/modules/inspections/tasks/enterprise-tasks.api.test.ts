import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { todos } from '../../../platform/todos/todos.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { makeTargetedTask } from '../testing.js';
import { inspectionTasks, rectificationOrders, taskPhotos } from './tasks.schema.js';

/**
 * Issue 15: an enterprise's account and its inspection tasks — which tasks it sees (never a check
 * under way), the rectification report it sends itself (JSON or multipart with photos and PDF,
 * checked by content; 404 for another enterprise, 409 once closed) and its to-dos.
 */
const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PASSWORD = 'Qiye#Zhanghao2026';
let seq = 0;

/** An enterprise's account, signed in (initial password changed). */
async function accountOf(uscc: string): Promise<Client> {
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc, username: `ent.tasks.${Date.now()}.${++seq}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  return env.login(user.username, PASSWORD);
}

/** A multipart report: text fields, then files in `files`. */
function reportBody(fields: Record<string, string>, files: { name: string; content: Buffer }[]) {
  const boundary = `----zj${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function postReport(client: Client, orderId: string, fields: Record<string, string>, files: { name: string; content: Buffer }[]) {
  const { payload, headers } = reportBody(fields, files);
  return env.app.inject({ method: 'POST', url: `/api/rectification-orders/${orderId}/report`, payload, headers: { ...headers, 'x-csrf-token': client.csrfToken! }, cookies: { zj_session: client.cookie! } });
}

/** A targeted task checked with a finding and under a rectification order (the inspector's steps as services). */
async function taskUnderOrder() {
  const made = await makeTargetedTask(env);
  const ctx = { actor: made.a };
  await env.services.tasks.saveAnswers(ctx, made.task.id, { remarks: { value: '草稿：仓库未整理' } });
  const inProgress = { ...made };
  const submit = async () => {
    await env.services.tasks.submit(ctx, made.task.id, { answers: { licence_valid: { value: false }, records_kept: { value: true }, remarks: { value: '定稿' } }, inspectedOn: todayInChina() });
    const detail = await env.services.rectification.issue(ctx, made.task.id, { requirements: '办理有效许可证', workingDays: 10 });
    return detail.rectificationOrders.at(-1)!;
  };
  return { ...inProgress, submit };
}

let other: Client;
beforeAll(async () => {
  const someoneElse = await makeTargetedTask(env);
  other = await accountOf(someoneElse.enterprise.uscc);
});

describe('an enterprise account and its inspection tasks', () => {
  it('never sees a check under way (its draft answers); sees the task once under an open order, and completed/published ones', async () => {
    const t = await taskUnderOrder();
    const account = await accountOf(t.enterprise.uscc);
    // In progress: draft answers saved — neither listed nor readable.
    expect((await account.get(`/api/inspection-tasks/${t.task.id}`)).statusCode).toBe(404);
    expect((await account.get('/api/inspection-tasks')).json().items).toEqual([]);
    expect((await account.get(`/api/inspection-tasks/${t.task.id}`)).body).not.toContain('草稿');

    const order = await t.submit();
    const listed = (await account.get('/api/inspection-tasks')).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([t.task.id]);
    const detail = (await account.get(`/api/inspection-tasks/${t.task.id}`)).json();
    expect(detail).toMatchObject({ state: 'rectifying', findings: [{ text: '无有效许可证' }], rectificationOrders: [{ id: order.id, dueOn: order.dueOn, reportedBy: null }] });
    expect(detail.answers.remarks.value).toBe('定稿');
    // Its order's notice downloads; another enterprise's account sees none of it.
    expect((await account.get(`/api/rectification-orders/${order.id}/document`)).statusCode).toBe(200);
    expect((await other.get(`/api/inspection-tasks/${t.task.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/rectification-orders/${order.id}/document`)).statusCode).toBe(404);
    expect((await other.get('/api/inspection-tasks')).json().items.map((i: { id: string }) => i.id)).not.toContain(t.task.id);

    // Completed (after a passed re-check) and published: shown.
    const officer = { actor: t.officer };
    await env.services.rectification.report(officer, order.id, { reportText: '已办理', reportedOn: todayInChina() });
    await env.services.rectification.recheck({ actor: t.a }, order.id, { passed: true, note: '已整改', recheckedOn: todayInChina() });
    expect((await account.get(`/api/inspection-tasks/${t.task.id}`)).statusCode).toBe(404); // inspected again, no result yet
    await env.services.tasks.complete({ actor: t.a }, t.task.id, { resultCategory: '发现问题已责令整改' });
    expect((await account.get(`/api/inspection-tasks/${t.task.id}`)).json()).toMatchObject({ state: 'completed', resultCategory: '发现问题已责令整改' });
    await env.services.tasks.publish(officer, [t.task.id]);
    expect((await account.get(`/api/inspection-tasks?state=published`)).json().items.map((i: { id: string }) => i.id)).toEqual([t.task.id]);
    // Staff-only steps stay closed to it.
    expect((await account.post('/api/inspection-tasks/publish', { ids: [t.task.id] })).statusCode).toBe(403);
  });

  it('reports the rectification itself, as JSON: the timeline marks the enterprise; another enterprise 404; after the re-check 409', async () => {
    const t = await taskUnderOrder();
    const order = await t.submit();
    const account = await accountOf(t.enterprise.uscc);
    const body = { reportText: '已补办许可证', reportedOn: todayInChina() };
    expect((await other.post(`/api/rectification-orders/${order.id}/report`, body)).statusCode).toBe(404);
    const res = await account.post(`/api/rectification-orders/${order.id}/report`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('rechecking');
    expect(res.json().rectificationOrders[0]).toMatchObject({ reportText: '已补办许可证', reportedBy: { kind: 'enterprise', name: t.enterprise.name }, reportAttachments: [] });
    // A second report while the re-check is pending, and after the re-check closed the order: 409.
    expect((await account.post(`/api/rectification-orders/${order.id}/report`, body)).statusCode).toBe(409);
    await env.services.rectification.recheck({ actor: t.a }, order.id, { passed: false, note: '仍未整改', recheckedOn: todayInChina() });
    const late = await account.post(`/api/rectification-orders/${order.id}/report`, body);
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'RECTIFICATION_CLOSED']);
    // Staff see the same mark; a report staff enter on the enterprise's behalf is marked as theirs.
    expect((await env.services.tasks.get(t.officer, t.task.id)).rectificationOrders[0]!.reportedBy).toMatchObject({ kind: 'enterprise', name: t.enterprise.name });
    const again = await env.services.rectification.issue({ actor: t.a }, t.task.id, { requirements: '再次整改', workingDays: 5 });
    const second = again.rectificationOrders.at(-1)!;
    const byStaff = await env.services.rectification.report({ actor: t.officer }, second.id, { reportText: '代企业录入', reportedOn: todayInChina() });
    expect(byStaff.rectificationOrders.at(-1)!.reportedBy).toMatchObject({ kind: 'staff' });
  });

  it('reports as multipart with a PNG and a PDF (checked by content); a .pdf that is not a PDF is refused and nothing is written', async () => {
    const t = await taskUnderOrder();
    const order = await t.submit();
    const account = await accountOf(t.enterprise.uscc);
    const fields = { reportText: '整改完成，附照片与说明', reportedOn: todayInChina() };

    const fake = await postReport(account, order.id, fields, [
      { name: '现场.png', content: PNG },
      { name: '说明.pdf', content: Buffer.from('not a pdf at all') },
    ]);
    expect([fake.statusCode, fake.json().error.code], fake.body).toEqual([400, 'ATTACHMENT_CONTENT']);
    const [unchanged] = await env.db.select({ state: inspectionTasks.state }).from(inspectionTasks).where(eq(inspectionTasks.id, t.task.id));
    expect(unchanged!.state).toBe('rectifying');
    expect((await account.get(`/api/inspection-tasks/${t.task.id}`)).json().rectificationOrders[0]).toMatchObject({ reportedOn: null, reportAttachments: [] });
    expect((await postReport(other, order.id, fields, [{ name: '说明.pdf', content: PDF }])).statusCode).toBe(404);

    const many = await postReport(account, order.id, fields, Array.from({ length: 11 }, (_, i) => ({ name: `现场${i}.png`, content: PNG })));
    expect([many.statusCode, many.json().error.code]).toEqual([400, 'ATTACHMENTS_TOO_MANY']);
    expect((await account.get(`/api/inspection-tasks/${t.task.id}`)).json()).toMatchObject({ state: 'rectifying', photos: [] });

    const res = await postReport(account, order.id, fields, [
      { name: '现场.png', content: PNG },
      { name: '说明.pdf', content: PDF },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const reported = res.json().rectificationOrders[0];
    expect(reported).toMatchObject({ reportText: fields.reportText, reportedBy: { kind: 'enterprise' } });
    expect(reported.reportAttachments.map((a: { fileName: string; contentType: string }) => [a.fileName, a.contentType])).toEqual([
      ['现场.png', 'image/png'],
      ['说明.pdf', 'application/pdf'],
    ]);
    // The attachments are not the check's photos, and download as what they are.
    expect(res.json().photos).toEqual([]);
    const pdf = reported.reportAttachments[1];
    const download = await account.get(`/api/inspection-tasks/${t.task.id}/photos/${pdf.id}`);
    expect([download.statusCode, download.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // The officer sees the same report (and re-checks as today).
    const seen = await env.services.tasks.get(t.officer, t.task.id);
    expect(seen.rectificationOrders[0]!.reportAttachments).toHaveLength(2);
    // Stored as such: the order says who reported, each attachment names its order.
    const [stored] = await env.db.select({ reportedByKind: rectificationOrders.reportedByKind }).from(rectificationOrders).where(eq(rectificationOrders.id, order.id));
    expect(stored!.reportedByKind).toBe('enterprise');
    const files = await env.db.select({ orderId: taskPhotos.orderId }).from(taskPhotos).where(eq(taskPhotos.taskId, t.task.id));
    expect(files.map((f) => f.orderId)).toEqual([order.id, order.id]);
  });

  it('to-dos addressed to the enterprise: the open order at once (closed by the report), and the re-check result; staff never see them', async () => {
    const t = await taskUnderOrder();
    const order = await t.submit();
    const account = await accountOf(t.enterprise.uscc);
    const mine = async () => (await account.get('/api/todos')).json().items as { title: string; dueOn: string | null; link: string }[];
    expect(await mine()).toEqual([expect.objectContaining({ dueOn: order.dueOn, link: `/my/inspections/${t.task.id}` })]);
    expect((await other.get('/api/todos')).json().items.filter((i: { link: string }) => i.link.includes(t.task.id))).toEqual([]);
    // The daily job keeps it as it is (and the inspectors' own reminders as they were).
    await env.services.inspectionPublication.remind();
    expect(await mine()).toHaveLength(1);
    const [twin] = await env.db.select().from(todos).where(and(eq(todos.subjectId, t.task.id), like(todos.key, 'enterprise:%')));
    expect(twin).toMatchObject({ kind: 'rectification.due', enterpriseUscc: t.enterprise.uscc, orgId: null });
    // The report closes it; the re-check's result is the next.
    await account.post(`/api/rectification-orders/${order.id}/report`, { reportText: '已整改', reportedOn: todayInChina() });
    expect(await mine()).toEqual([]);
    await env.services.rectification.recheck({ actor: t.a }, order.id, { passed: true, note: '合格', recheckedOn: todayInChina() });
    const after = await mine();
    expect(after).toHaveLength(1);
    expect(after[0]!.title).toContain('合格');
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await officer.get('/api/todos?pageSize=100')).json().items.filter((i: { link: string }) => i.link === `/inspection-tasks/${t.task.id}`)).toEqual([]);
  });
});
