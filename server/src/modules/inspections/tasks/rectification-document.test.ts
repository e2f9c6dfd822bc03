import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { statutory } from '../../../platform/calendar/statutory.js';
import { UNCERTAIN_DEADLINE_NOTE } from '../../../platform/documents/docx.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { inspectionItems, inspectorProfiles } from '../inspections.schema.js';
import { actorOf, makeInspector, makeItem } from '../testing.js';
import { checkPhrase, requirementLines } from './rectification-document.js';

const env = useTestEnv();
const ctx = (actor: Actor) => ({ actor });

/** The paragraphs of a .docx body, as text (the XML of word/document.xml, one entry per <w:p>). */
async function paragraphs(content: Buffer | Uint8Array): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(content)).file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => p.replace(/<[^>]+>/g, ''))
    .filter((p) => p.length > 0);
}

/** An inspected task in 320826 (涟水县) with a finding, its item named "…检查", and its two inspectors. */
async function inspectedTask() {
  const enterprise = await makeEnterprise(env, { regionCode: '320826', address: '涟水县高沟镇工业园区 8 号' });
  const item = await makeItem(env);
  const itemName = `食品生产企业（${item.id.slice(0, 8)}）监督检查`;
  await env.db.update(inspectionItems).set({ name: itemName }).where(eq(inspectionItems.id, item.id));
  const a = await makeInspector(env, '320826');
  const b = await makeInspector(env, '320826');
  const { actor: officer } = await actorOf(env, ['county_officer'], '320826');
  const task = await env.services.tasks.create(ctx(officer), { itemId: item.id, uscc: enterprise.uscc, origin: 'targeted', originNote: '群众反映', inspectorIds: [a.user.id, b.user.id] });
  await env.services.tasks.submit(ctx(a.actor), task.id, { answers: { licence_valid: { value: true }, records_kept: { value: false } }, inspectedOn: todayInChina() });
  return { enterprise, itemName, a, b, officer, task };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the rectification notice (责令整改通知书)', () => {
  it('keeps the requirements’ lines, names the check once, lists the inspectors with their certificates, has a service section, and is numbered with the bureau’s short name', async () => {
    const { a, b, officer, task, enterprise, itemName } = await inspectedTask();
    const requirements = '1. 建立进货查验记录台账；\r\n2. 清理过期原料并登记销毁情况。\n\n3. 整改完成后报送书面材料。';
    const ordered = await env.services.rectification.issue(ctx(a.actor), task.id, { requirements, workingDays: 10 });
    const order = ordered.rectificationOrders[0]!;
    const year = todayInChina().slice(0, 4);
    expect(order.documentNo).toMatch(new RegExp(`^涟市监责改〔${year}〕\\d+号$`));

    const doc = await env.services.rectification.document(officer, order.id);
    const paras = await paragraphs(doc.content);
    const text = paras.join('\n');
    // Each line of the requirements is a paragraph of its own; blank lines are dropped.
    expect(paras).toContain('1. 建立进货查验记录台账；');
    expect(paras).toContain('2. 清理过期原料并登记销毁情况。');
    expect(paras).toContain('3. 整改完成后报送书面材料。');
    expect(text).not.toContain('台账；2.');
    // The item is already a check: no "…检查”检查".
    expect(text).toContain(`对你单位进行了“${itemName}”，发现以下问题`);
    expect(text).not.toMatch(/检查”检查/);
    // The inspectors, by name and certificate number.
    const certificateOf = async (userId: string) => (await env.db.select().from(inspectorProfiles).where(eq(inspectorProfiles.userId, userId)))[0]!.certificateNo;
    const [aCert, bCert] = [await certificateOf(a.user.id), await certificateOf(b.user.id)];
    expect(text).toContain(`${a.user.displayName}（执法证号：${aCert}）、${b.user.displayName}（执法证号：${bCert}）`);
    // The proof of service.
    expect(text).toContain('送 达 回 证');
    // The proof of service starts a page of its own.
    const xml = await (await JSZip.loadAsync(doc.content)).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pageBreakBefore\/>(?:(?!<\/w:p>).)*送 达 回 证/s);
    expect(text).toContain(`文书名称及文号：责令整改通知书（${order.documentNo}）`);
    expect(text).toContain(`受送达人：${enterprise.name}`);
    expect(text).toContain('送达地点：涟水县高沟镇工业园区 8 号');
    expect(text).toMatch(/送达方式：□直接送达/);
    expect(text).toContain('受送达人签名或盖章');
    // Signed with the full name; numbered with the short one.
    expect(paras).toContain('涟水县市场监督管理局');
    expect(text).toContain(order.documentNo);
  });

  it('falls back to the full name for a bureau without a short name', async () => {
    const { a, task } = await inspectedTask();
    const [bureau] = await env.db.select().from(orgs).where(eq(orgs.name, '涟水县市场监督管理局'));
    await env.db.update(orgs).set({ shortName: null }).where(eq(orgs.id, bureau!.id));
    try {
      const ordered = await env.services.rectification.issue(ctx(a.actor), task.id, { requirements: '整改', workingDays: 5 });
      expect(ordered.rectificationOrders[0]!.documentNo).toMatch(/^涟水县市场监督管理局责改〔\d{4}〕\d+号$/);
    } finally {
      await env.db.update(orgs).set({ shortName: bureau!.shortName }).where(eq(orgs.id, bureau!.id));
    }
  });

  it('is numbered with the short name an administrator configures for the bureau', async () => {
    const { a, task } = await inspectedTask();
    const admin = await env.loginAdmin();
    const bureau = (await admin.get(`/api/orgs/${(await env.orgIn('320826')).id}`)).json();
    const set = await admin.patch(`/api/orgs/${bureau.id}`, { shortName: '涟县市监' }, { 'if-match': `"${bureau.version}"` });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const ordered = await env.services.rectification.issue(ctx(a.actor), task.id, { requirements: '整改', workingDays: 5 });
      expect(ordered.rectificationOrders[0]!.documentNo).toMatch(/^涟县市监责改〔\d{4}〕\d+号$/);
    } finally {
      await admin.patch(`/api/orgs/${bureau.id}`, { shortName: bureau.shortName }, { 'if-match': `"${set.json().version}"` });
    }
  });

  it('marks a deadline counted over a year without holiday data, in the order and in the document', async () => {
    // The first year the calendar has no data for; its days are counted Monday–Friday.
    const uncovered = Math.max(...statutory.years()) + 1;
    const lateInYearBefore = new Date(`${uncovered - 1}-12-21T02:00:00Z`);
    // Before that date, pretend it is that date (so 15 working days run into the uncovered year); on or after it, the real date does.
    if (Date.now() < lateInYearBefore.getTime()) {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(lateInYearBefore);
    }
    const { a, officer, task } = await inspectedTask();
    const ordered = await env.services.rectification.issue(ctx(a.actor), task.id, { requirements: '建立台账', workingDays: 15 });
    const order = ordered.rectificationOrders[0]!;
    expect(order.dueCertain).toBe(false);
    const text = (await paragraphs((await env.services.rectification.document(officer, order.id)).content)).join('\n');
    expect(text).toContain(UNCERTAIN_DEADLINE_NOTE);
    expect(text).toMatch(/整改完毕⚠（该期限按未载入节假日数据的年份推算/);

    const reported = await env.services.rectification.report(ctx(officer), order.id, { reportText: '已整改', reportedOn: todayInChina() });
    expect(reported.rectificationOrders[0]!.recheckDueCertain).toBe(false);
    // Lists and details carry the current step's certainty.
    expect(reported.deadlineCertain).toBe(false);
    const listed = await env.services.tasks.list(officer, { uscc: task.objectKey }, { page: 1, pageSize: 10 });
    expect(listed.items.map((t) => [t.id, t.deadline, t.deadlineCertain])).toEqual([[task.id, reported.rectificationOrders[0]!.recheckDueOn, false]]);
    await env.services.rectification.recheck(ctx(a.actor), order.id, { passed: true, note: '已整改', recheckedOn: todayInChina() });
    const completed = await env.services.tasks.complete(ctx(a.actor), task.id, { resultCategory: '发现问题已责令整改' });
    expect(completed).toMatchObject({ publishDueCertain: false, deadlineCertain: false });
  });

  it('prints a certain deadline without the note', async () => {
    const { a, officer, task } = await inspectedTask();
    const { certain } = await env.services.calendar.addWorkingDays(todayInChina(), 1);
    const ordered = await env.services.rectification.issue(ctx(a.actor), task.id, { requirements: '建立台账', workingDays: 1 });
    const order = ordered.rectificationOrders[0]!;
    expect(order.dueCertain).toBe(certain);
    const text = (await paragraphs((await env.services.rectification.document(officer, order.id)).content)).join('\n');
    expect(text.includes(UNCERTAIN_DEADLINE_NOTE)).toBe(!certain);
    expect(text.includes('⚠')).toBe(!certain);
  });
});

describe('notice wording helpers', () => {
  it('names a check once', () => {
    expect(checkPhrase('食品生产监督检查')).toBe('“食品生产监督检查”');
    expect(checkPhrase('产品质量监督抽查')).toBe('“产品质量监督抽查”');
    expect(checkPhrase('特种设备使用单位')).toBe('“特种设备使用单位”检查');
  });

  it('splits requirements on any line break and drops blank lines', () => {
    expect(requirementLines('a\r\nb\rc\n\n  \nd  ')).toEqual(['a', 'b', 'c', 'd']);
  });
});
