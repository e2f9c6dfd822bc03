import { type SQL, and, asc, eq, ilike, ne, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { ANSWER_TYPES, type ChecklistQuestion, SEVERITIES, TARGET_KINDS, type TargetKind, inspectionItems } from '../inspections.schema.js';

export const QUESTION_KEY_PATTERN = '^[a-z][a-z0-9_]{0,39}$';
export const MAX_QUESTIONS = 200;
export const MAX_RESULT_CATEGORIES = 20;

/** A question as the form or the API gives it; `required` defaults to true. */
export interface QuestionInput {
  key: string;
  text: string;
  answerType: string;
  required?: boolean;
  finding?: { text: string; severity: string } | null;
}

export interface ItemInput {
  name: string;
  sectionId: string;
  legalBasis: string;
  targetKind: string;
  checklist: QuestionInput[];
  resultCategories: string[];
  specialty?: string | null;
  active?: boolean;
}

export type ItemChanges = Partial<ItemInput>;

export interface ItemFilter {
  q?: string;
  targetKind?: TargetKind;
  active?: boolean;
}

const itemColumns = {
  id: inspectionItems.id,
  name: inspectionItems.name,
  sectionId: inspectionItems.sectionId,
  sectionName: orgs.name,
  legalBasis: inspectionItems.legalBasis,
  targetKind: inspectionItems.targetKind,
  checklist: inspectionItems.checklist,
  resultCategories: inspectionItems.resultCategories,
  specialty: inspectionItems.specialty,
  active: inspectionItems.active,
  version: inspectionItems.version,
  createdAt: inspectionItems.createdAt,
  updatedAt: inspectionItems.updatedAt,
};

const keyPattern = new RegExp(QUESTION_KEY_PATTERN);

/**
 * A checklist template checked question by question: 1–200 questions, unique keys, text, a valid
 * answer type; a finding (what a "no" produces) only on yes/no questions, with a valid severity.
 * Problems name the field as `checklist.<index>.<property>`.
 */
export function checkChecklist(raw: readonly QuestionInput[] | undefined): ChecklistQuestion[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_QUESTIONS) {
    throw new AppError('CHECKLIST_SIZE', `检查表应有 1–${MAX_QUESTIONS} 个问题`, 400, { field: 'checklist' });
  }
  const seen = new Set<string>();
  return raw.map((q, i) => {
    const at = `checklist.${i}`;
    const key = typeof q.key === 'string' ? q.key.trim() : '';
    if (!keyPattern.test(key)) throw new AppError('QUESTION_KEY_INVALID', `第 ${i + 1} 个问题的标识应以小写字母开头，只含小写字母、数字和下划线，至多 40 个字符`, 400, { field: `${at}.key` });
    if (seen.has(key)) throw new AppError('QUESTION_KEY_DUPLICATE', `问题标识 ${key} 重复`, 400, { field: `${at}.key` });
    seen.add(key);
    const text = requireText(q.text, `${at}.text`, `第 ${i + 1} 个问题的内容`, 500);
    if (!(ANSWER_TYPES as readonly string[]).includes(q.answerType)) {
      throw new AppError('ANSWER_TYPE_INVALID', `第 ${i + 1} 个问题的回答方式应为 ${ANSWER_TYPES.join('、')} 之一`, 400, { field: `${at}.answerType` });
    }
    const answerType = q.answerType as ChecklistQuestion['answerType'];
    const question: ChecklistQuestion = { key, text, answerType, required: q.required ?? true };
    if (q.finding) {
      if (answerType !== 'yes_no') throw new AppError('FINDING_NOT_ALLOWED', `第 ${i + 1} 个问题不是“是/否”题，不能设置问题发现`, 400, { field: `${at}.finding` });
      const findingText = requireText(q.finding.text, `${at}.finding.text`, `第 ${i + 1} 个问题的发现描述`, 500);
      if (!(SEVERITIES as readonly string[]).includes(q.finding.severity)) {
        throw new AppError('SEVERITY_INVALID', `问题发现的严重程度应为 ${SEVERITIES.join('、')} 之一`, 400, { field: `${at}.finding.severity` });
      }
      question.finding = { text: findingText, severity: q.finding.severity as (typeof SEVERITIES)[number] };
    }
    return question;
  });
}

/** 1–20 result categories, trimmed, non-empty and distinct. */
export function checkResultCategories(raw: readonly string[] | undefined): string[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_RESULT_CATEGORIES) {
    throw new AppError('RESULT_CATEGORIES_INVALID', `检查结果分类应有 1–${MAX_RESULT_CATEGORIES} 项`, 400, { field: 'resultCategories' });
  }
  const seen = new Set<string>();
  return raw.map((c, i) => {
    const category = requireText(c, `resultCategories.${i}`, '检查结果分类', 50);
    if (seen.has(category)) throw new AppError('RESULT_CATEGORIES_INVALID', `检查结果分类“${category}”重复`, 400, { field: `resultCategories.${i}` });
    seen.add(category);
    return category;
  });
}

/**
 * The list of inspection items (抽查事项清单): what is checked, by which city section, on which
 * legal basis, with which checklist and result categories. City-wide configuration, not scoped.
 */
export function makeInspectionItemsService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  const select = (tx: Db) => tx.select(itemColumns).from(inspectionItems).leftJoin(orgs, eq(orgs.id, inspectionItems.sectionId));

  /** `lock`: the item's row is locked until the transaction ends (for a change). */
  async function find(tx: Db, id: string, lock = false) {
    const query = select(tx).where(eq(inspectionItems.id, id));
    const [row] = await (lock ? query.for('update', { of: inspectionItems }) : query);
    if (!row) throw notFound('抽查事项');
    return row;
  }

  /** The checked values of the fields given; `exceptId` is the item being changed (its own name is no duplicate). */
  async function checked(tx: Db, input: ItemChanges, exceptId?: string) {
    const out: Partial<typeof inspectionItems.$inferInsert> = {};
    if (input.name !== undefined) out.name = requireText(input.name, 'name', '事项名称', 200);
    if (input.legalBasis !== undefined) out.legalBasis = requireText(input.legalBasis, 'legalBasis', '检查依据', 2000);
    if (input.targetKind !== undefined) {
      if (!(TARGET_KINDS as readonly string[]).includes(input.targetKind)) {
        throw invalid('targetKind', `检查对象类别应为 ${TARGET_KINDS.join('、')} 之一`, 'TARGET_KIND_INVALID');
      }
      out.targetKind = input.targetKind as TargetKind;
    }
    if (input.checklist !== undefined) out.checklist = checkChecklist(input.checklist);
    if (input.resultCategories !== undefined) out.resultCategories = checkResultCategories(input.resultCategories);
    if (input.specialty !== undefined) out.specialty = input.specialty?.trim() ? requireText(input.specialty, 'specialty', '专业领域', 50) : null;
    if (input.active !== undefined) out.active = input.active;
    if (input.sectionId !== undefined) {
      const [section] = input.sectionId ? await tx.select({ type: orgs.type }).from(orgs).where(eq(orgs.id, input.sectionId)) : [];
      if (section?.type !== 'city_section') throw invalid('sectionId', '主管科室应为市局的业务科室', 'SECTION_INVALID');
      out.sectionId = input.sectionId;
    }
    if (out.name !== undefined) {
      const [taken] = await tx
        .select({ id: inspectionItems.id })
        .from(inspectionItems)
        .where(and(eq(inspectionItems.name, out.name), exceptId ? ne(inspectionItems.id, exceptId) : undefined));
      if (taken) throw new AppError('DUPLICATE', `抽查事项“${out.name}”已存在`, 409, { field: 'name' });
    }
    return out;
  }

  return {
    /** Items by name; `q` matches the name or the legal basis. */
    async list(filter: ItemFilter, page: Page) {
      const conds: (SQL | undefined)[] = [];
      if (filter.targetKind) conds.push(eq(inspectionItems.targetKind, filter.targetKind));
      if (filter.active !== undefined) conds.push(eq(inspectionItems.active, filter.active));
      const q = filter.q?.trim();
      if (q) {
        const pattern = `%${escapeLike(q)}%`;
        conds.push(or(ilike(inspectionItems.name, pattern), ilike(inspectionItems.legalBasis, pattern)));
      }
      const where = and(...conds);
      const [items, [count]] = await Promise.all([
        select(db).where(where).orderBy(asc(inspectionItems.name), asc(inspectionItems.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(inspectionItems).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    get: (id: string) => find(db, id),

    async create(ctx: RequestContext & { actor: Actor }, input: ItemInput) {
      return inTransaction(db, async (tx) => {
        const values = await checked(tx, { specialty: null, active: true, ...input });
        const [row] = await tx
          .insert(inspectionItems)
          .values({
            name: values.name!,
            sectionId: values.sectionId!,
            legalBasis: values.legalBasis!,
            targetKind: values.targetKind!,
            checklist: values.checklist!,
            resultCategories: values.resultCategories!,
            specialty: values.specialty ?? null,
            active: values.active ?? true,
          })
          .returning({ id: inspectionItems.id });
        const created = await find(tx, row!.id);
        await audit.record(tx, ctx, { action: 'inspection_item.created', targetType: 'inspection_item', targetId: created.id, after: created });
        return created;
      });
    },

    /** Changes the fields given; a new checklist or result-category list replaces the old one whole. `expected`: If-Match. */
    async update(ctx: RequestContext & { actor: Actor }, id: string, input: ItemChanges, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const before = await find(tx, id, true);
        assertVersion(expected, before.version);
        const values = await checked(tx, input, id);
        await tx
          .update(inspectionItems)
          .set({ ...values, version: nextVersion(inspectionItems.version), updatedAt: new Date() })
          .where(eq(inspectionItems.id, id));
        const after = await find(tx, id);
        await audit.record(tx, ctx, { action: 'inspection_item.updated', targetType: 'inspection_item', targetId: id, before, after });
        return after;
      });
    },
  };
}

export type InspectionItemsService = ReturnType<typeof makeInspectionItemsService>;
