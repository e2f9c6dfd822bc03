import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import { equipmentUnits } from '../../equipment/index.js';
import type { ComplaintsDeps } from '../complaints.deps.js';
import { type ComplaintChannel, complaintEvents, complaints } from '../complaints.schema.js';
import { makeClockTodos } from '../handling/clock-todos.js';
import { ESCALATED_TODO, URGENT_TODO, categoryName, escalatedTodos, makeEscalation, urgentTodos } from './escalation.js';
import { complaintCategories, complaintTopics } from './routing.schema.js';
import { makeTopics, sectionOfTopic } from './topics.js';

type ActorCtx = RequestContext & { actor: Actor };
export type ComplaintRow = typeof complaints.$inferSelect;

/** What an item says about its subject and place (all optional): what `route` decides from. */
export interface RouteInput {
  subjectUscc?: string | null;
  subjectName?: string | null;
  equipmentRegistrationNo?: string | null;
  regionCode?: string | null;
  topic?: string | null;
  category?: string | null;
}

/** Where an item goes: its region and bureau (data scope), its topic's section, and what was found about its subject. */
export interface Routed {
  regionCode: string;
  orgId: string;
  sectionId: string | null;
  topic: string;
  category: string | null;
  urgent: boolean;
  subjectEnterpriseId: string | null;
  subjectName: string | null;
  subjectUscc: string | null;
  equipmentId: string | null;
}

export interface RerouteInput {
  /** The county or city bureau (active) the item goes to. */
  orgId?: string | null;
  /** A topic key: the item goes to its section. */
  topic?: string | null;
  /** Why (1–500 characters): the timeline's note. */
  reason: string;
}

/** Where the `received` event comes from: the public for the web and Open311, staff for everything entered. */
const PUBLIC_CHANNELS: ComplaintChannel[] = ['web', 'open311'];

/** The topic an item gets when nothing points elsewhere, and the one of an equipment registration number. */
const DEFAULT_TOPIC = 'other';
const EQUIPMENT_TOPIC = 'special_equipment';

/**
 * Routing (README.md): where a new item goes (`route`), its first events and urgent to-dos
 * (`dispatch`), re-routing with a reason (`reroute`), acknowledgement (`acknowledge`), the
 * escalation of unacknowledged urgent items (`escalateUnacknowledged`), the clocks' to-dos
 * (`syncClockTodos`, handling/clock-todos.ts), and the configuration of topics and categories.
 */
export function makeRoutingService(deps: ComplaintsDeps) {
  const { audit, jurisdiction, todos } = deps;
  const topics = makeTopics(deps);
  const escalation = makeEscalation(deps);
  const clockTodos = makeClockTodos(deps);

  async function topicRow(tx: Db, key: string, field: 'topic' = 'topic') {
    const [t] = await tx.select().from(complaintTopics).where(eq(complaintTopics.key, key));
    if (!t) throw invalid(field, `未知的投诉举报专业：${key}`);
    return t;
  }

  async function orgNames(tx: Db, ids: (string | null)[]) {
    const wanted = ids.filter((x): x is string => !!x);
    const rows = wanted.length ? await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, wanted)) : [];
    return (id: string | null) => (id ? (rows.find((r) => r.id === id)?.name ?? id) : null);
  }

  const routeNote = (bureau: string | null, section: string | null) => [bureau, section].filter(Boolean).join(' · ');

  return {
    /**
     * Where an item goes. The region is that of the subject enterprise (by USCC), else that of the
     * special-equipment unit (by registration number; its user enterprise becomes the subject when
     * no USCC was given), else the `regionCode` given (a known region: 400 otherwise), else the
     * city's. The bureau is the competent one of that region. The topic is the category's, else
     * the one given, else special equipment for a registration number, else `other`; the section
     * is the topic's. An urgent category makes the item urgent. An unknown USCC or registration
     * number is kept as given (the subject is just not found); an unknown or inactive category and
     * an unknown topic are 400 VALIDATION naming the field.
     */
    async route(tx: Db, s: RouteInput): Promise<Routed> {
      let category: typeof complaintCategories.$inferSelect | null = null;
      if (s.category) {
        const [c] = await tx.select().from(complaintCategories).where(eq(complaintCategories.key, s.category));
        if (!c || !c.active) throw invalid('category', c ? `投诉举报分类“${c.name}”已停用` : `未知的投诉举报分类：${s.category}`);
        category = c;
      }
      if (s.topic) await topicRow(tx, s.topic);

      let given: string | null = null;
      if (s.regionCode) {
        given = (await jurisdiction.regionResolver(tx))(s.regionCode);
        if (!given) throw invalid('regionCode', `行政区划代码 ${s.regionCode} 不在本辖区内`);
      }

      let subjectUscc = s.subjectUscc?.trim() ? normalizeUscc(s.subjectUscc) : null;
      const findEnterprise = async (uscc: string) => {
        const [e] = await tx.select({ id: enterprises.id, name: enterprises.name, regionCode: enterprises.regionCode }).from(enterprises).where(eq(enterprises.uscc, uscc));
        return e ?? null;
      };
      let enterprise = subjectUscc ? await findEnterprise(subjectUscc) : null;

      const registrationNo = s.equipmentRegistrationNo?.trim() || null;
      let unit: { id: string; regionCode: string; userUscc: string } | null = null;
      if (registrationNo) {
        const [u] = await tx.select({ id: equipmentUnits.id, regionCode: equipmentUnits.regionCode, userUscc: equipmentUnits.userUscc }).from(equipmentUnits).where(eq(equipmentUnits.registrationNo, registrationNo));
        unit = u ?? null;
      }
      if (unit && !subjectUscc) {
        subjectUscc = unit.userUscc;
        enterprise = await findEnterprise(unit.userUscc);
      }

      let regionCode = enterprise?.regionCode ?? unit?.regionCode ?? given;
      if (!regionCode) {
        const root = await jurisdiction.rootOrg(tx);
        if (!root) throw new Error('No city bureau: the jurisdiction has not been loaded');
        regionCode = root.regionCode;
      }
      const bureau = await jurisdiction.competentBureau(regionCode, tx);

      const topicKey = category?.topic ?? s.topic ?? (registrationNo ? EQUIPMENT_TOPIC : DEFAULT_TOPIC);
      const section = await sectionOfTopic(tx, await topicRow(tx, topicKey));
      return {
        regionCode,
        orgId: bureau.id,
        sectionId: section?.id ?? null,
        topic: topicKey,
        category: category?.key ?? null,
        urgent: category?.urgent ?? false,
        subjectEnterpriseId: enterprise?.id ?? null,
        subjectName: enterprise?.name ?? (s.subjectName?.trim() || null),
        subjectUscc,
        equipmentId: unit?.id ?? null,
      };
    },

    /**
     * Right after a new item's insert: the events `received` (public; from the public for the web
     * and Open311, staff otherwise) and `routed` (to the bureau, with the bureau's and section's
     * names), and for an urgent item the `complaint.urgent` to-dos of the bureau and the section.
     */
    async dispatch(tx: Db, row: Pick<ComplaintRow, 'id' | 'trackingNo' | 'channel' | 'orgId' | 'sectionId' | 'urgent' | 'category' | 'regionCode' | 'receivedAt' | 'createdById'>) {
      const name = await orgNames(tx, [row.orgId, row.sectionId]);
      const now = new Date();
      await tx.insert(complaintEvents).values([
        { complaintId: row.id, kind: 'received', at: row.receivedAt, actorKind: PUBLIC_CHANNELS.includes(row.channel) ? 'public' : 'staff', actorId: PUBLIC_CHANNELS.includes(row.channel) ? null : row.createdById, public: true },
        { complaintId: row.id, kind: 'routed', at: now > row.receivedAt ? now : row.receivedAt, actorKind: 'system', toOrgId: row.orgId, note: routeNote(name(row.orgId), name(row.sectionId)), public: false },
      ]);
      if (row.urgent) await todos.raise(tx, URGENT_TODO, urgentTodos(row, await categoryName(tx, row.category), todayInChina()));
    },

    /**
     * Re-routes an open item (the caller checks its state and version and bumps the version): to
     * another bureau (`orgId`: an active county or city bureau; the region becomes the bureau's)
     * and/or another topic (its section; a category of another topic is dropped, urgency kept).
     * Moved to another bureau, the item has no handler and is not acknowledged until someone there
     * takes it on (an urgent item's to-dos go to the new bureau; escalation counts from receipt).
     * The row is read afresh under lock (the caller may have acknowledged it in this transaction).
     * `reason` is required (1–500). 400 when neither changes. Writes the event `rerouted` (from,
     * to, the reason), moves the urgent and escalated to-dos of an unacknowledged urgent item to
     * the new addressees and the clocks' to-dos with them, audits `complaint.rerouted`. Returns the
     * updated row.
     */
    async reroute(tx: Db, ctx: ActorCtx, given: ComplaintRow, input: RerouteInput): Promise<ComplaintRow> {
      const reason = requireText(input.reason, 'reason', '改派理由', 500);
      // The row as it is now (the caller may have acknowledged it in this transaction meanwhile).
      const [row] = await tx.select().from(complaints).where(eq(complaints.id, given.id)).for('update');
      if (!row) throw notFound('投诉举报');
      let orgId = row.orgId;
      let regionCode = row.regionCode;
      if (input.orgId && input.orgId !== row.orgId) {
        const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId));
        if (!org || !org.active || (org.type !== 'county_bureau' && org.type !== 'city_bureau')) throw invalid('orgId', '只能改派给在用的市局或县区局');
        orgId = org.id;
        regionCode = org.regionCode;
      }
      let topic = row.topic;
      let sectionId = row.sectionId;
      let category = row.category;
      if (input.topic && input.topic !== row.topic) {
        const t = await topicRow(tx, input.topic);
        topic = t.key;
        sectionId = (await sectionOfTopic(tx, t))?.id ?? null;
        if (category) {
          const [c] = await tx.select({ topic: complaintCategories.topic }).from(complaintCategories).where(eq(complaintCategories.key, category));
          if (c?.topic !== topic) category = null;
        }
      }
      if (orgId === row.orgId && topic === row.topic) throw new AppError('ROUTE_UNCHANGED', '改派的承办单位和专业与现在相同', 400, { field: 'orgId' });

      // Another bureau takes it on afresh: no handler, not acknowledged (it must 签收 itself).
      const movedBureau = orgId !== row.orgId;
      const fresh = movedBureau ? { handlerId: null, handlerName: null, acknowledgedAt: null } : {};
      const [after] = await tx.update(complaints).set({ orgId, regionCode, topic, sectionId, category, ...fresh, updatedAt: new Date() }).where(eq(complaints.id, row.id)).returning();
      await tx.insert(complaintEvents).values({ complaintId: row.id, kind: 'rerouted', actorKind: 'staff', actorId: ctx.actor.userId, actorName: ctx.actor.name, fromOrgId: row.orgId, toOrgId: orgId, note: reason, public: false });

      if (after!.urgent && !after!.acknowledgedAt && (movedBureau || sectionId !== row.sectionId)) {
        const name = await categoryName(tx, after!.category ?? row.category);
        const today = todayInChina();
        await todos.resolveSubject(tx, URGENT_TODO, row.id);
        await todos.raise(tx, URGENT_TODO, urgentTodos(after!, name, today));
        if (row.escalatedAt) {
          await todos.resolveSubject(tx, ESCALATED_TODO, row.id);
          await todos.raise(tx, ESCALATED_TODO, escalatedTodos(after!, name, today, deps.ackHours));
        }
      }
      // The clocks' to-dos go to the new bureau too.
      await clockTodos.syncClockTodos(row.id, { tx });
      await audit.record(tx, ctx, {
        action: 'complaint.rerouted',
        targetType: 'complaint',
        targetId: row.id,
        before: { orgId: row.orgId, regionCode: row.regionCode, topic: row.topic, sectionId: row.sectionId, category: row.category, handlerId: row.handlerId, acknowledged: !!row.acknowledgedAt },
        after: { orgId, regionCode, topic, sectionId, category, handlerId: after!.handlerId, acknowledged: !!after!.acknowledgedAt, reason },
      });
      return after!;
    },

    /**
     * The item is taken on (签收): `acknowledgedAt` once, the actor becomes its handler when it has
     * none, the event `acknowledged`, its urgent and escalated to-dos resolved. The caller bumps the
     * version. Returns false (and does nothing) when it was acknowledged before.
     */
    async acknowledge(tx: Db, ctx: ActorCtx, row: Pick<ComplaintRow, 'id' | 'acknowledgedAt'>): Promise<boolean> {
      if (row.acknowledgedAt) return false;
      const now = new Date();
      // The handler only when there is none (the row given may be older than the table's).
      const handler = ctx.actor.userId ? { handlerId: sql`coalesce(${complaints.handlerId}, ${ctx.actor.userId}::uuid)`, handlerName: sql`case when ${complaints.handlerId} is null then ${ctx.actor.name} else ${complaints.handlerName} end` } : {};
      const [done] = await tx
        .update(complaints)
        .set({ acknowledgedAt: now, ...handler, updatedAt: now })
        .where(and(eq(complaints.id, row.id), isNull(complaints.acknowledgedAt)))
        .returning({ id: complaints.id });
      if (!done) return false;
      await tx.insert(complaintEvents).values({ complaintId: row.id, kind: 'acknowledged', at: now, actorKind: 'staff', actorId: ctx.actor.userId, actorName: ctx.actor.name, public: false });
      await todos.resolveSubject(tx, URGENT_TODO, row.id);
      await todos.resolveSubject(tx, ESCALATED_TODO, row.id);
      return true;
    },

    /** The job `complaints.escalate` (escalation.ts). */
    escalateUnacknowledged: escalation.escalateUnacknowledged,

    /** The job `complaints.clocks`, and one item's clock to-dos after an action (handling/clock-todos.ts). */
    syncClockTodos: clockTodos.syncClockTodos,

    /** Topics and categories (topics.ts). */
    topics,
  };
}

export type RoutingService = ReturnType<typeof makeRoutingService>;
