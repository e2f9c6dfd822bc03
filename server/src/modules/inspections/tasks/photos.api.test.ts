import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { users } from '../../../platform/users/users.schema.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { makeInspector, makeItem, CURRENT_YEAR } from '../testing.js';
const env = useTestEnv();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** A multipart body with the given text fields and one file. */
function photoUpload(fields: Record<string, string>) {
  const boundary = `----zj${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** One drawn task and a logged-in inspector assigned to it. */
async function assignedTask() {
  const tag = `照片${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
  await makeEnterprise(env, { regionCode: '320826', tags: [tag] });
  for (let i = 0; i < 2; i++) await makeInspector(env, '320826');
  const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
  const item = await makeItem(env);
  const pool = (await officer.post('/api/object-pools', { name: '照片企业', filter: { tag } })).json();
  const plan = (await officer.post('/api/inspection-plans', { name: '照片检查', year: CURRENT_YEAR, itemId: item.id, poolId: pool.id, quarters: [4], mode: 'all' })).json();
  const draw = (await officer.post(`/api/inspection-plans/${plan.id}/draws`)).json();
  await officer.post(`/api/draws/${draw.id}/reveal`, { witnessInput: tag });
  const task = (await officer.get(`/api/inspection-tasks?drawId=${draw.id}`)).json().items[0];
  const [assigned] = await env.db.select({ username: users.username }).from(users).where(eq(users.id, task.inspectorIds[0]));
  const me = await env.login(assigned!.username);
  const upload = (fields: Record<string, string>) => {
    const { body, headers } = photoUpload(fields);
    return env.app.inject({ method: 'POST', url: `/api/inspection-tasks/${task.id}/photos`, payload: body, headers: { ...headers, 'x-csrf-token': me.csrfToken! }, cookies: { zj_session: me.cookie! } });
  };
  return { task, me, upload };
}

/** Issue 12 item 8: a photo taken for a question stays on that question, even if the form is never saved. */
describe('task photos of a question', () => {
  it('adds a photo uploaded for a photo question to its answer at once and answers the task’s new version', async () => {
    const { task, me, upload } = await assignedTask();
    const before = (await me.get(`/api/inspection-tasks/${task.id}`)).json();

    const first = await upload({ caption: '现场照片', questionKey: 'site_photo' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ questionKey: 'site_photo', taskVersion: before.version + 1 });
    const second = (await upload({ questionKey: 'site_photo' })).json();
    const general = (await upload({ caption: '其他' })).json();
    expect(general).toMatchObject({ questionKey: null, taskVersion: second.taskVersion });

    // No draft was saved: the answer already holds the question's photos, the general one stays outside.
    const after = (await me.get(`/api/inspection-tasks/${task.id}`)).json();
    expect(after.version).toBe(second.taskVersion);
    expect(after.state).toBe('in_progress');
    expect(after.answers.site_photo.value).toEqual([first.json().id, second.id]);
    expect(after.photos.map((p: { id: string }) => p.id).sort()).toEqual([first.json().id, second.id, general.id].sort());

    // The next draft goes with the version the upload answered; the one before it is stale.
    expect((await me.put(`/api/inspection-tasks/${task.id}/answers`, { answers: { remarks: { value: '旧版本' } } }, { 'if-match': `"${before.version}"` })).statusCode).toBe(412);
    const saved = await me.put(`/api/inspection-tasks/${task.id}/answers`, { answers: { remarks: { value: '整洁' } } }, { 'if-match': `"${second.taskVersion}"` });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().answers.site_photo.value).toEqual([first.json().id, second.id]);
  });

  it('refuses a question that is not a photo question of the checklist, and storing nothing', async () => {
    const { task, me, upload } = await assignedTask();
    for (const questionKey of ['remarks', 'no_such_question']) {
      const res = await upload({ questionKey });
      expect(res.statusCode, questionKey).toBe(400);
      expect(res.json().error.details.field).toBe('questionKey');
    }
    expect((await me.get(`/api/inspection-tasks/${task.id}`)).json().photos).toEqual([]);
  });
});
