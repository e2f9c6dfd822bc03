import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { useServiceEnv } from '../../../test/app.js';
import { BODY_MAX, NOTICE_PENDING_TODO } from './notices.service.js';

/**
 * The notices CMS through the service (notices/README.md): the workflow draft → pending →
 * published → withdrawn and pending → draft (returned), each step audited; only drafts are
 * edited; the drafter may not approve; the approvers' to-dos; sizes; a county's scope; the public
 * reads show published pages only, without staff names or reasons.
 */
const env = useServiceEnv();
const svc = () => env.services.portal.notices;

async function actor(roles: string[], regionCode: string): Promise<{ actor: Actor }> {
  const user = await env.makeUser({ roles, regionCode });
  return { actor: (await env.services.users.loadActor(user.id))! as Actor };
}
const code = async (p: Promise<unknown>) => p.then(() => 'OK', (e: { code?: string }) => e.code ?? String(e));
const auditActions = async (id: string) => (await env.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, id))).map((r) => r.action);
const pendingTodos = async (a: { actor: Actor }) => (await env.services.todos.list(a.actor, { page: 1, pageSize: 100 })).items.filter((t) => t.kind === NOTICE_PENDING_TODO);

describe('portal notices', () => {
  it('drafts in the bureau’s name, submits (to-do for the approvers), returns, resubmits, publishes, withdraws; every step audited', async () => {
    const officer = await actor(['county_officer'], '320826');
    const head = await actor(['section_head'], '320800');
    const draft = await svc().create(officer, { kind: 'exposure', title: ' 曝光台：劣质电线  ', summary: '', body: '第一段。\n\n第二段。' });
    expect(draft).toMatchObject({ status: 'draft', title: '曝光台：劣质电线', summary: null, regionCode: '320826', version: 1 });
    expect(draft.orgName).toMatch(/局/);

    const submitted = await svc().submit(officer, draft.id, [1]);
    expect(submitted.status).toBe('pending');
    const todos = await pendingTodos(head);
    expect(todos.filter((t) => t.subjectId === draft.id)).toHaveLength(1);
    expect(await code(svc().update(officer, draft.id, { title: '改' }))).toBe('INVALID_TRANSITION');

    const returned = await svc().returnToDraft(head, draft.id, { reason: '请补充检测机构' });
    expect(returned).toMatchObject({ status: 'draft', returnedReason: '请补充检测机构' });
    expect((await pendingTodos(head)).filter((t) => t.subjectId === draft.id)).toHaveLength(0);
    const edited = await svc().update(officer, draft.id, { body: '第一段。\n\n第二段（已补充检测机构）。' }, [returned.version]);
    expect(edited.status).toBe('draft');
    expect(await code(svc().update(officer, draft.id, { title: '过期版本' }, [returned.version]))).toBe('PRECONDITION_FAILED');
    const again = await svc().submit(officer, draft.id);
    expect(again.returnedReason).toBeNull();

    const published = await svc().approve(head, draft.id);
    expect(published).toMatchObject({ status: 'published', approvedByName: head.actor.name });
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(await code(svc().approve(head, draft.id))).toBe('INVALID_TRANSITION');
    expect((await svc().publicGet(draft.id)).title).toBe('曝光台：劣质电线');

    const withdrawn = await svc().withdraw(head, draft.id, { reason: '内容有误' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawReason: '内容有误', withdrawnByName: head.actor.name });
    expect(await code(svc().publicGet(draft.id))).toBe('WITHDRAWN');
    expect(await code(svc().withdraw(head, draft.id, { reason: '再次' }))).toBe('INVALID_TRANSITION');

    expect((await auditActions(draft.id)).sort()).toEqual(
      ['portal_notice.created', 'portal_notice.submitted', 'portal_notice.returned', 'portal_notice.updated', 'portal_notice.submitted', 'portal_notice.published', 'portal_notice.withdrawn'].sort(),
    );
  });

  it('the drafter may not approve or return their own page (SAME_PERSON); a failed step changes nothing', async () => {
    const head = await actor(['section_head'], '320800');
    const own = await svc().create(head, { kind: 'notice', title: '自己起草的通知', body: '正文' });
    await svc().submit(head, own.id);
    expect(await code(svc().approve(head, own.id))).toBe('SAME_PERSON');
    expect(await code(svc().returnToDraft(head, own.id, { reason: '自退' }))).toBe('SAME_PERSON');
    expect((await svc().get(head.actor, own.id)).status).toBe('pending');
    expect(await auditActions(own.id)).not.toContain('portal_notice.published');
    expect(await code(svc().approve(await actor(['section_head'], '320800'), own.id))).toBe('OK');
  });

  it('refuses empty or oversized fields, naming the field; only drafts are submitted', async () => {
    const officer = await actor(['city_officer'], '320800');
    const problem = (p: Promise<unknown>) => p.then(() => null, (e: { code: string; details?: { field?: string } }) => `${e.code}:${e.details?.field}`);
    expect(await problem(svc().create(officer, { kind: 'plan', title: '  ', body: '正文' }))).toBe('VALIDATION:title');
    expect(await problem(svc().create(officer, { kind: 'plan', title: '长'.repeat(101), body: '正文' }))).toBe('VALIDATION:title');
    expect(await problem(svc().create(officer, { kind: 'plan', title: '计划', summary: '摘'.repeat(301), body: '正文' }))).toBe('VALIDATION:summary');
    expect(await problem(svc().create(officer, { kind: 'plan', title: '计划', body: '文'.repeat(BODY_MAX + 1) }))).toBe('VALIDATION:body');
    const ok = await svc().create(officer, { kind: 'plan', title: '计划', body: '文'.repeat(BODY_MAX) });
    await svc().submit(officer, ok.id);
    expect(await code(svc().submit(officer, ok.id))).toBe('INVALID_TRANSITION');
  });

  it('a county officer sees and touches only pages of the county; section heads see all', async () => {
    const lianshui = await actor(['county_officer'], '320826');
    const xuyi = await actor(['county_officer'], '320830');
    const head = await actor(['section_head'], '320800');
    const page = await svc().create(lianshui, { kind: 'result', title: '涟水县抽查结果范围测试', body: '正文' });
    expect(await code(svc().get(xuyi.actor, page.id))).toBe('NOT_FOUND');
    expect(await code(svc().update(xuyi, page.id, { title: '改' }))).toBe('NOT_FOUND');
    expect(await code(svc().submit(xuyi, page.id))).toBe('NOT_FOUND');
    expect((await svc().list(xuyi.actor, { q: '涟水县抽查结果范围测试' }, { page: 1, pageSize: 10 })).total).toBe(0);
    expect((await svc().list(lianshui.actor, { q: '涟水县抽查结果范围测试' }, { page: 1, pageSize: 10 })).items.map((r) => r.id)).toEqual([page.id]);
    expect((await svc().list(head.actor, { q: '涟水县抽查结果范围测试', kind: 'result', status: 'draft' }, { page: 1, pageSize: 10 })).total).toBe(1);
  });

  it('the public sees published pages only, newest first, with public fields only; by kind and text', async () => {
    const officer = await actor(['city_officer'], '320800');
    const head = await actor(['section_head'], '320800');
    const tag = `公开测试${Date.now().toString(36)}`;
    const make = async (title: string, publish: boolean) => {
      const row = await svc().create(officer, { kind: 'notice', title: `${tag}${title}`, body: '正文' });
      if (!publish) return row;
      await svc().submit(officer, row.id);
      return svc().approve(head, row.id);
    };
    const first = await make('一', true);
    const second = await make('二', true);
    const draft = await make('草稿', false);
    const listed = await svc().publicList({ q: tag }, { page: 1, pageSize: 10 });
    // Newest first, then id (two pages published in the same millisecond go by id).
    const expected = [first, second].sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || (a.id < b.id ? 1 : -1));
    expect(listed.items.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(Object.keys(listed.items[0]!).sort()).toEqual(['body', 'id', 'kind', 'orgName', 'publishedAt', 'summary', 'title']);
    expect((await svc().publicList({ q: tag, kind: 'exposure' }, { page: 1, pageSize: 10 })).total).toBe(0);
    expect(await code(svc().publicGet(draft.id))).toBe('NOT_FOUND');
  });
});
