import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { orgs, regions } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { complaintCategories, complaintTopics } from './routing.schema.js';

type ActorCtx = RequestContext & { actor: Actor };
type TopicRow = typeof complaintTopics.$inferSelect;

/** A category key: a lower-case letter first, then lower-case letters, digits and underscores. */
export const CATEGORY_KEY_PATTERN = '^[a-z][a-z0-9_]{1,39}$';

export interface TopicChanges {
  name?: string;
  nameEn?: string;
  /** A city section (active); null: the topic has no section. */
  sectionId?: string | null;
}

export interface CategoryChanges {
  name?: string;
  nameEn?: string;
  topic?: string;
  urgent?: boolean;
  active?: boolean;
}

export interface NewCategory {
  key: string;
  name: string;
  nameEn: string;
  topic: string;
  urgent?: boolean;
  sort?: number;
}

/**
 * The city section a topic routes to: its `sectionId`, else the active city section named
 * `sectionName` (the name the preloaded topics carry until someone picks a section), else none.
 */
export async function sectionOfTopic(tx: Db, topic: Pick<TopicRow, 'sectionId' | 'sectionName'>): Promise<{ id: string; name: string } | null> {
  if (topic.sectionId) {
    const [s] = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, topic.sectionId));
    return s ?? null;
  }
  if (!topic.sectionName) return null;
  const [s] = await tx
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(and(eq(orgs.type, 'city_section'), eq(orgs.active, true), eq(orgs.name, topic.sectionName)))
    .orderBy(asc(orgs.createdAt), asc(orgs.id))
    .limit(1);
  return s ?? null;
}

/** Topics and categories are city-wide settings: only a user of the whole city may change them. */
function assertCityWide(ctx: ActorCtx) {
  if (ctx.actor.dataScope !== 'all') throw forbidden('投诉举报的专业和分类为全市统一配置，只有市局可以修改');
}

/**
 * The configuration of routing (`complaint.configure` to change, `complaint.read` to read): the
 * topics (专业, each pointing at a city section) and their marked categories (urgent ones make an
 * item urgent). Every change is audited (`complaint_topic.updated`, `complaint_category.created`,
 * `complaint_category.updated`) and versioned (If-Match).
 */
export function makeTopics(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function presentTopics(tx: Db, rows: TopicRow[]) {
    const out = [];
    for (const t of rows) {
      const section = await sectionOfTopic(tx, t);
      out.push({ key: t.key, name: t.name, nameEn: t.nameEn, sectionId: section?.id ?? null, sectionName: section?.name ?? null, sort: t.sort, version: t.version, updatedAt: t.updatedAt });
    }
    return out;
  }

  async function findTopic(tx: Db, key: string, lock = false) {
    const query = tx.select().from(complaintTopics).where(eq(complaintTopics.key, key));
    const [row] = await (lock ? query.for('update') : query);
    if (!row) throw notFound('投诉举报专业');
    return row;
  }

  async function findCategory(tx: Db, key: string, lock = false) {
    const query = tx.select().from(complaintCategories).where(eq(complaintCategories.key, key));
    const [row] = await (lock ? query.for('update') : query);
    if (!row) throw notFound('投诉举报分类');
    return row;
  }

  async function requireTopic(tx: Db, key: string) {
    const [t] = await tx.select({ key: complaintTopics.key }).from(complaintTopics).where(eq(complaintTopics.key, key));
    if (!t) throw invalid('topic', `未知的投诉举报专业：${key}`);
  }

  const categoryView = (c: typeof complaintCategories.$inferSelect) => ({ key: c.key, topic: c.topic, name: c.name, nameEn: c.nameEn, urgent: c.urgent, active: c.active, sort: c.sort, version: c.version, updatedAt: c.updatedAt });

  return {
    async listTopics() {
      const rows = await db.select().from(complaintTopics).orderBy(asc(complaintTopics.sort), asc(complaintTopics.key));
      const items = await presentTopics(db, rows);
      return { items, total: items.length };
    },

    async getTopic(key: string) {
      return (await presentTopics(db, [await findTopic(db, key)]))[0]!;
    },

    /** Renames a topic or points it at another city section (null: none). */
    async updateTopic(ctx: ActorCtx, key: string, input: TopicChanges, expected?: ExpectedVersion) {
      assertCityWide(ctx);
      return inTransaction(db, async (tx) => {
        const before = await findTopic(tx, key, true);
        assertVersion(expected, before.version);
        const set: Partial<typeof complaintTopics.$inferInsert> = {};
        if (input.name !== undefined) set.name = requireText(input.name, 'name', '专业名称', 50);
        if (input.nameEn !== undefined) set.nameEn = requireText(input.nameEn, 'nameEn', '英文名称', 100);
        if (input.sectionId !== undefined) {
          if (input.sectionId === null) {
            set.sectionId = null;
            set.sectionName = null;
          } else {
            const [section] = await tx.select({ id: orgs.id, name: orgs.name, type: orgs.type, active: orgs.active }).from(orgs).where(eq(orgs.id, input.sectionId));
            if (section?.type !== 'city_section' || !section.active) throw invalid('sectionId', '主管科室应为市局在用的业务科室', 'SECTION_INVALID');
            set.sectionId = section.id;
            set.sectionName = section.name;
          }
        }
        await tx.update(complaintTopics).set({ ...set, version: nextVersion(complaintTopics.version), updatedAt: new Date() }).where(eq(complaintTopics.key, key));
        const [after] = await presentTopics(tx, [await findTopic(tx, key)]);
        const [was] = await presentTopics(tx, [before]);
        await audit.record(tx, ctx, { action: 'complaint_topic.updated', targetType: 'complaint_topic', targetId: key, before: was, after });
        return after!;
      });
    },

    async listCategories(filter: { topic?: string; active?: boolean } = {}) {
      const items = await db
        .select()
        .from(complaintCategories)
        .where(and(filter.topic ? eq(complaintCategories.topic, filter.topic) : undefined, filter.active === undefined ? undefined : eq(complaintCategories.active, filter.active)))
        .orderBy(asc(complaintCategories.topic), asc(complaintCategories.sort), asc(complaintCategories.key));
      return { items: items.map(categoryView), total: items.length };
    },

    async getCategory(key: string) {
      return categoryView(await findCategory(db, key));
    },

    /** Adds a category to a topic (at its end unless `sort` says otherwise). */
    async createCategory(ctx: ActorCtx, input: NewCategory) {
      assertCityWide(ctx);
      if (!new RegExp(CATEGORY_KEY_PATTERN).test(input.key)) throw invalid('key', '分类代码应以小写字母开头，只含小写字母、数字和下划线（2–40 个字符）');
      const name = requireText(input.name, 'name', '分类名称', 50);
      const nameEn = requireText(input.nameEn, 'nameEn', '英文名称', 100);
      return inTransaction(db, async (tx) => {
        await requireTopic(tx, input.topic);
        const [taken] = await tx.select({ key: complaintCategories.key }).from(complaintCategories).where(eq(complaintCategories.key, input.key));
        if (taken) throw new AppError('DUPLICATE', `分类代码“${input.key}”已被使用`, 409, { field: 'key' });
        let sort = input.sort;
        if (sort === undefined) {
          const siblings = await tx.select({ sort: complaintCategories.sort }).from(complaintCategories).where(eq(complaintCategories.topic, input.topic));
          sort = siblings.reduce((m, s) => Math.max(m, s.sort), 0) + 1;
        }
        const [row] = await tx.insert(complaintCategories).values({ key: input.key, topic: input.topic, name, nameEn, urgent: input.urgent ?? false, sort }).returning();
        const after = categoryView(row!);
        await audit.record(tx, ctx, { action: 'complaint_category.created', targetType: 'complaint_category', targetId: input.key, after });
        return after;
      });
    },

    /** Renames, moves to another topic, marks urgent or not, deactivates (items already routed keep their category). */
    async updateCategory(ctx: ActorCtx, key: string, input: CategoryChanges, expected?: ExpectedVersion) {
      assertCityWide(ctx);
      return inTransaction(db, async (tx) => {
        const before = await findCategory(tx, key, true);
        assertVersion(expected, before.version);
        const set: Partial<typeof complaintCategories.$inferInsert> = {};
        if (input.name !== undefined) set.name = requireText(input.name, 'name', '分类名称', 50);
        if (input.nameEn !== undefined) set.nameEn = requireText(input.nameEn, 'nameEn', '英文名称', 100);
        if (input.topic !== undefined) {
          await requireTopic(tx, input.topic);
          set.topic = input.topic;
        }
        if (input.urgent !== undefined) set.urgent = input.urgent;
        if (input.active !== undefined) set.active = input.active;
        const [row] = await tx
          .update(complaintCategories)
          .set({ ...set, version: nextVersion(complaintCategories.version), updatedAt: new Date() })
          .where(eq(complaintCategories.key, key))
          .returning();
        const after = categoryView(row!);
        await audit.record(tx, ctx, { action: 'complaint_category.updated', targetType: 'complaint_category', targetId: key, before: categoryView(before), after });
        return after;
      });
    },

    /** The public form's choices: the topics with their active categories (no sections, no versions). */
    async publicCategories() {
      const topics = await db.select().from(complaintTopics).orderBy(asc(complaintTopics.sort), asc(complaintTopics.key));
      const cats = topics.length
        ? await db
            .select()
            .from(complaintCategories)
            .where(and(eq(complaintCategories.active, true), inArray(complaintCategories.topic, topics.map((t) => t.key))))
            .orderBy(asc(complaintCategories.sort), asc(complaintCategories.key))
        : [];
      const items = topics.map((t) => ({
        key: t.key,
        name: t.name,
        nameEn: t.nameEn,
        categories: cats.filter((c) => c.topic === t.key).map((c) => ({ key: c.key, name: c.name, nameEn: c.nameEn, urgent: c.urgent })),
      }));
      // The places a member of the public may pick: the regions of the active county bureaus (the jurisdiction's data).
      const places = await db
        .selectDistinct({ code: regions.code, name: regions.name })
        .from(orgs)
        .innerJoin(regions, eq(regions.code, orgs.regionCode))
        .where(and(eq(orgs.type, 'county_bureau'), eq(orgs.active, true)))
        .orderBy(asc(regions.code));
      return { items, total: items.length, regions: places };
    },
  };
}

export type Topics = ReturnType<typeof makeTopics>;
