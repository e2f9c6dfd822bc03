import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { todos } from '../../platform/todos/todos.schema.js';
import { useTestEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';
import { licenceFeedback } from './feedback/feedback.schema.js';
import { makeLicence } from './testing.js';

const env = useTestEnv();
const today = todayInChina();

let seq = 0;

const measure = (to: 'warning' | 'changeOrdered' | 'revoked', extra: object = {}) => ({ to, reason: '测试', legalBasis: '《工业产品生产许可证管理条例》', documentNo: `淮市监〔2026〕${++seq}号`, ...extra });

/** The open to-dos about one record addressed to staff (the enterprise's twins aside). */
const openAbout = (subjectId: string) =>
  env.db
    .select({ kind: todos.kind, dueOn: todos.dueOn, orgId: todos.orgId, sectionId: todos.sectionId, title: todos.title, params: todos.params, link: todos.link })
    .from(todos)
    .where(and(eq(todos.subjectId, subjectId), eq(todos.status, 'open'), isNull(todos.enterpriseUscc)));

/** The open to-dos about one record addressed to its holder (企业端). */
const holderAbout = (subjectId: string) =>
  env.db
    .select({ kind: todos.kind, key: todos.key, dueOn: todos.dueOn, enterpriseUscc: todos.enterpriseUscc, orgId: todos.orgId, title: todos.title, link: todos.link })
    .from(todos)
    .where(and(eq(todos.subjectId, subjectId), eq(todos.status, 'open'), isNotNull(todos.enterpriseUscc)));

describe('licence reminders', () => {
  it('raises one to-do per licence expiring within 90 days, another within 30, for the county bureau and the owning section', async () => {
    const soon = await makeLicence(env, { regionCode: '320826', issuedOn: '2022-01-10', expiresOn: addDays(today, 20) });
    const later = await makeLicence(env, { regionCode: '320826', issuedOn: '2022-01-10', expiresOn: addDays(today, 60) });
    const far = await makeLicence(env, { regionCode: '320826', issuedOn: '2022-01-10', expiresOn: addDays(today, 200) });
    await env.services.licenceReminders.run(today);

    const lianshui = await env.orgIn('320826');
    const section = (await env.services.licenceTypes.list()).items.find((t) => t.key === 'industrial_product')!.sectionId;
    expect(await openAbout(soon.id)).toEqual([
      { kind: 'licence.expiring_30', dueOn: soon.expiresOn, orgId: lianshui.id, sectionId: section, title: expect.stringContaining(`将于 ${soon.expiresOn} 到期`),
        // the web words the item in the user's language from these
        params: { holder: soon.enterpriseName, typeName: soon.typeName, number: soon.number, date: soon.expiresOn },
        link: `/licences/${soon.id}`,
      },
    ]);
    expect((await openAbout(later.id)).map((t) => t.kind)).toEqual(['licence.expiring_90']);
    expect(await openAbout(far.id)).toEqual([]);

    // 40 days on, the 60-day licence enters the 30-day window: the 90-day item resolves, a 30-day one appears.
    await env.services.licenceReminders.run(addDays(today, 40));
    expect((await openAbout(later.id)).map((t) => t.kind)).toEqual(['licence.expiring_30']);
  });

  it('is idempotent, and resolves an item whose cause went away', async () => {
    const l = await makeLicence(env, { regionCode: '320830', issuedOn: '2022-01-10', expiresOn: addDays(today, 10) });
    await env.services.licenceReminders.run(today);
    const again = await env.services.licenceReminders.run(today);
    expect(again['licence.expiring_30'].created).toBe(0);

    await env.services.licences.requestTransition(env.ctx, l.id, measure('revoked'));
    await env.services.licenceReminders.run(today);
    expect(await openAbout(l.id)).toEqual([]);
  });

  it('reminds of a warning whose review date came and of a change order whose deadline passed', async () => {
    const warned = await makeLicence(env, { regionCode: '320826', issuedOn: '2022-01-10', expiresOn: addDays(today, 1000) });
    const reviewOn = addDays(today, 7);
    await env.services.licences.requestTransition(env.ctx, warned.id, measure('warning', { reviewOn }));
    const ordered = await makeLicence(env, { regionCode: '320826', issuedOn: '2022-01-10', expiresOn: addDays(today, 1000) });
    const after = await env.services.licences.requestTransition(env.ctx, ordered.id, measure('changeOrdered', { deadlineWorkingDays: 5 }));
    const deadline = after.pending ? '' : after.licence.changeDeadline!;

    await env.services.licenceReminders.run(addDays(today, 1));
    expect(await openAbout(warned.id)).toEqual([]);
    await env.services.licenceReminders.run(reviewOn);
    expect((await openAbout(warned.id)).map((t) => [t.kind, t.dueOn])).toEqual([['licence.review_due', reviewOn]]);

    await env.services.licenceReminders.run(deadline);
    expect(await openAbout(ordered.id)).toEqual([]);
    await env.services.licenceReminders.run(addDays(deadline, 1));
    expect((await openAbout(ordered.id)).map((t) => [t.kind, t.dueOn])).toEqual([['licence.change_overdue', deadline]]);
  });

  it('flags a department notice not decided by its handling deadline', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320831' });
    const jinhu = await env.orgIn('320831');
    const [notice] = await env.db
      .insert(licenceFeedback)
      .values({ uscc: enterprise.uscc, enterpriseId: enterprise.id, department: '县住建局', kind: 'other', summary: '测试通报', occurredOn: addDays(today, -20), source: 'manual', createdByName: 'test', regionCode: '320831', orgId: jinhu.id, receivedOn: addDays(today, -20), dueOn: addDays(today, -1), dueCertain: true })
      .returning();
    await env.services.licenceReminders.run(today);
    expect(await openAbout(notice!.id)).toEqual([expect.objectContaining({ kind: 'feedback.overdue', orgId: jinhu.id, link: `/feedback/${notice!.id}` })]);
  });
});

describe('GET /api/todos', () => {
  it("lists a user's own bureau's items only, and a user can mark one done for good", async () => {
    const l = await makeLicence(env, { regionCode: '320826', issuedOn: '2022-01-10', expiresOn: addDays(today, 15) });
    await env.services.licenceReminders.run(today);
    const lianshui = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const xuyi = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320830' })).username);

    const mine = (await lianshui.get('/api/todos?pageSize=500')).json();
    const item = mine.items.find((t: { subjectId: string }) => t.subjectId === l.id);
    expect(item).toMatchObject({ kind: 'licence.expiring_30', link: `/licences/${l.id}`, status: 'open' });
    expect((await xuyi.get('/api/todos?pageSize=500')).json().items.some((t: { subjectId: string }) => t.subjectId === l.id)).toBe(false);
    expect((await xuyi.post(`/api/todos/${item.id}/done`)).statusCode).toBe(404);

    expect((await lianshui.post(`/api/todos/${item.id}/done`)).json().status).toBe('done');
    await env.services.licenceReminders.run(today);
    expect((await lianshui.get('/api/todos?pageSize=500')).json().items.some((t: { subjectId: string }) => t.subjectId === l.id)).toBe(false);
    expect((await env.client({}).get('/api/todos')).statusCode).toBe(401);
  });

  it('raises the holder’s own twins (key enterprise:…): licences expiring within 90/30 days and a change order with its deadline; staff items unchanged', async () => {
    const soon = await makeLicence(env, { regionCode: '320826', issuedOn: '2022-01-10', expiresOn: addDays(today, 20) });
    const later = await makeLicence(env, { regionCode: '320826', issuedOn: '2022-01-10', expiresOn: addDays(today, 60) });
    const ordered = await makeLicence(env, { regionCode: '320826', issuedOn: '2022-01-10', expiresOn: addDays(today, 1000) });
    const after = await env.services.licences.requestTransition(env.ctx, ordered.id, measure('changeOrdered', { deadlineWorkingDays: 5 }));
    const deadline = after.pending ? '' : after.licence.changeDeadline!;
    await env.services.licenceReminders.run(today);
    expect(await holderAbout(soon.id)).toEqual([expect.objectContaining({ kind: 'licence.expiring_30', key: `enterprise:licence.expiring_30:${soon.id}:${soon.expiresOn}`, enterpriseUscc: soon.uscc, orgId: null, link: `/my/licences/${soon.id}` })]);
    expect((await holderAbout(later.id)).map((t) => t.kind)).toEqual(['licence.expiring_90']);
    expect((await holderAbout(ordered.id)).map((t) => [t.kind, t.dueOn, t.enterpriseUscc])).toEqual([['licence.change_due', deadline, ordered.uscc]]);
    expect((await openAbout(soon.id)).map((t) => t.kind)).toEqual(['licence.expiring_30']);
    expect(await openAbout(ordered.id)).toEqual([]);
    // The change order's twin stays past the deadline (the office's overdue item joins it) and goes with the measure.
    await env.services.licenceReminders.run(addDays(deadline, 1));
    expect((await holderAbout(ordered.id)).map((t) => t.kind)).toEqual(['licence.change_due']);
    expect((await openAbout(ordered.id)).map((t) => t.kind)).toEqual(['licence.change_overdue']);
    await env.services.licences.requestTransition(env.ctx, ordered.id, measure('revoked'));
    await env.services.licenceReminders.run(today);
    expect(await holderAbout(ordered.id)).toEqual([]);
  });
});
