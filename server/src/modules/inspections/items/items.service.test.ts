import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.schema.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { useTestEnv } from '../../../test/app.js';
import { inspectionItems } from '../inspections.schema.js';
import type { ItemInput, QuestionInput } from './items.service.js';

const env = useTestEnv();

let sectionId = '';
beforeAll(async () => {
  const [section] = await env.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.type, 'city_section')).limit(1);
  sectionId = section!.id;
});

let seq = 0;
const itemInput = (input: Partial<ItemInput> = {}): ItemInput => ({
  name: `计量器具使用情况检查${++seq}`,
  sectionId,
  legalBasis: '《中华人民共和国计量法》第九条',
  targetKind: 'enterprise',
  checklist: [
    { key: 'verified', text: '强制检定的计量器具是否按期检定', answerType: 'yes_no', finding: { text: '强制检定计量器具未按期检定', severity: 'major' } },
    { key: 'notes', text: '其他情况', answerType: 'text', required: false },
  ],
  resultCategories: ['未发现问题', '发现问题已责令改正', '发现问题待后续处理'],
  ...input,
});

const createItem = (input: Partial<ItemInput> = {}) => env.services.inspectionItems.create(env.ctx, itemInput(input));
const itemCount = async () => (await env.db.select({ id: inspectionItems.id }).from(inspectionItems)).length;
const auditOf = (id: string) => env.db.select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.targetId, id)).orderBy(asc(auditEvents.id));
const question = (q: Partial<QuestionInput> = {}): QuestionInput => ({ key: 'q', text: '问题', answerType: 'yes_no', ...q });

describe('inspection items', () => {
  it('creates an item with its section, defaults (required, active, no specialty) and an audit event', async () => {
    const item = await createItem({ name: '  电梯维护保养检查  ', specialty: ' 特种设备 ' });
    expect(item).toMatchObject({
      name: '电梯维护保养检查',
      sectionId,
      sectionName: expect.any(String),
      targetKind: 'enterprise',
      specialty: '特种设备',
      active: true,
      resultCategories: ['未发现问题', '发现问题已责令改正', '发现问题待后续处理'],
    });
    expect(item.checklist).toEqual([
      { key: 'verified', text: '强制检定的计量器具是否按期检定', answerType: 'yes_no', required: true, finding: { text: '强制检定计量器具未按期检定', severity: 'major' } },
      { key: 'notes', text: '其他情况', answerType: 'text', required: false },
    ]);
    expect(await auditOf(item.id)).toEqual([expect.objectContaining({ action: 'inspection_item.created' })]);
  });

  it('rejects bad fields with a code and the field, writing nothing', async () => {
    const before = await itemCount();
    const [bureau] = await env.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.type, 'county_bureau')).limit(1);
    const cases: [Partial<ItemInput>, string, string][] = [
      [{ name: '  ' }, 'VALIDATION', 'name'],
      [{ legalBasis: '' }, 'VALIDATION', 'legalBasis'],
      [{ sectionId: bureau!.id }, 'SECTION_INVALID', 'sectionId'],
      [{ sectionId: '00000000-0000-4000-8000-000000000000' }, 'SECTION_INVALID', 'sectionId'],
      [{ targetKind: 'shop' }, 'TARGET_KIND_INVALID', 'targetKind'],
      [{ checklist: [] }, 'CHECKLIST_SIZE', 'checklist'],
      [{ checklist: Array.from({ length: 201 }, (_, i) => question({ key: `q${i}` })) }, 'CHECKLIST_SIZE', 'checklist'],
      [{ checklist: [question({ key: 'Bad-Key' })] }, 'QUESTION_KEY_INVALID', 'checklist.0.key'],
      [{ checklist: [question({ key: `a${'b'.repeat(40)}` })] }, 'QUESTION_KEY_INVALID', 'checklist.0.key'],
      [{ checklist: [question({ key: 'a' }), question({ key: 'a' })] }, 'QUESTION_KEY_DUPLICATE', 'checklist.1.key'],
      [{ checklist: [question({ text: ' ' })] }, 'VALIDATION', 'checklist.0.text'],
      [{ checklist: [question({ answerType: 'essay' })] }, 'ANSWER_TYPE_INVALID', 'checklist.0.answerType'],
      [{ checklist: [question({ answerType: 'number', finding: { text: '超标', severity: 'minor' } })] }, 'FINDING_NOT_ALLOWED', 'checklist.0.finding'],
      [{ checklist: [question({ finding: { text: '问题', severity: 'fatal' } })] }, 'SEVERITY_INVALID', 'checklist.0.finding.severity'],
      [{ checklist: [question({ finding: { text: '', severity: 'minor' } })] }, 'VALIDATION', 'checklist.0.finding.text'],
      [{ resultCategories: [] }, 'RESULT_CATEGORIES_INVALID', 'resultCategories'],
      [{ resultCategories: Array.from({ length: 21 }, (_, i) => `类${i}`) }, 'RESULT_CATEGORIES_INVALID', 'resultCategories'],
      [{ resultCategories: ['合格', ' '] }, 'VALIDATION', 'resultCategories.1'],
      [{ resultCategories: ['合格', ' 合格'] }, 'RESULT_CATEGORIES_INVALID', 'resultCategories.1'],
    ];
    for (const [input, code, field] of cases) {
      await expect(createItem(input), code).rejects.toMatchObject({ code, status: 400, details: { field } });
    }
    expect(await itemCount()).toBe(before);
  });

  it('keeps names unique (409 DUPLICATE), on create and on change', async () => {
    const first = await createItem();
    const second = await createItem();
    await expect(createItem({ name: first.name })).rejects.toMatchObject({ code: 'DUPLICATE', status: 409, details: { field: 'name' } });
    await expect(env.services.inspectionItems.update(env.ctx, second.id, { name: first.name })).rejects.toMatchObject({ code: 'DUPLICATE', status: 409 });
    expect((await env.services.inspectionItems.update(env.ctx, first.id, { name: first.name })).name).toBe(first.name);
  });

  it('changes only the fields given, replaces the checklist whole, and audits before and after', async () => {
    const item = await createItem();
    const changed = await env.services.inspectionItems.update(env.ctx, item.id, { checklist: [question({ key: 'sign', text: '是否公示' })], active: false });
    expect(changed).toMatchObject({ name: item.name, legalBasis: item.legalBasis, active: false, checklist: [{ key: 'sign', text: '是否公示', answerType: 'yes_no', required: true }] });
    const events = await auditOf(item.id);
    expect(events.map((e) => e.action)).toEqual(['inspection_item.created', 'inspection_item.updated']);
    expect(events[1]).toMatchObject({ before: { active: true }, after: { active: false } });

    await expect(env.services.inspectionItems.update(env.ctx, item.id, { checklist: [] })).rejects.toMatchObject({ code: 'CHECKLIST_SIZE' });
    expect((await env.services.inspectionItems.get(item.id)).checklist).toHaveLength(1);
    expect(await auditOf(item.id)).toHaveLength(2);
    await expect(env.services.inspectionItems.update(env.ctx, '00000000-0000-4000-8000-000000000000', { active: true })).rejects.toMatchObject({ status: 404 });
  });

  it('lists by name with filters', async () => {
    const item = await createItem({ name: `加油机检查${seq}`, targetKind: 'equipment' });
    const { items, total } = await env.services.inspectionItems.list({ q: item.name, targetKind: 'equipment', active: true }, { page: 1, pageSize: 20 });
    expect(total).toBe(1);
    expect(items[0]!.id).toBe(item.id);
    expect((await env.services.inspectionItems.list({ q: item.name, targetKind: 'licence' }, { page: 1, pageSize: 20 })).total).toBe(0);
  });
});
