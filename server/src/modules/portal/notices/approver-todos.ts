import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { roles } from '../../../platform/access/access.schema.js';
import { regionWithin } from '../../../platform/access/scope.js';
import type { TodoSpec } from '../../../platform/todos/todos.service.js';
import { userRoles, users } from '../../../platform/users/users.schema.js';
import type { portalNotices } from '../portal.schema.js';

const KIND_LABELS = { notice: '通知公告', plan: '计划', result: '结果', exposure: '曝光' } as const;

/**
 * The to-dos of a submitted page: one per org with an active staff user who may approve it
 * (a role holding `portal.approve` whose data scope covers the page's region: `all`, or `region`
 * above it), seen there by the holders of `portal.approve` only.
 */
export async function approverTodos(tx: Db, notice: typeof portalNotices.$inferSelect, kind: string): Promise<TodoSpec[]> {
  const holders = await tx
    .selectDistinct({ orgId: users.orgId, regionCode: users.regionCode, dataScope: roles.dataScope })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.key, userRoles.roleKey))
    .where(and(eq(users.active, true), isNull(users.enterpriseUscc), sql`'portal.approve' = any(${roles.permissions})`));
  const orgIds = new Set(holders.filter((h) => h.dataScope === 'all' || (h.dataScope === 'region' && regionWithin(notice.regionCode, h.regionCode))).map((h) => h.orgId));
  return [...orgIds].sort().map((orgId) => ({
    key: `${kind}:${notice.id}:${orgId}`,
    subjectType: 'portal_notice',
    subjectId: notice.id,
    title: `待审核的${KIND_LABELS[notice.kind]}：${notice.title}（${notice.orgName}）`,
    params: { title: notice.title, kind: notice.kind, orgName: notice.orgName },
    link: `/portal/notices/${notice.id}`,
    dueOn: null,
    orgId,
    sectionId: null,
    permission: 'portal.approve',
    regionCode: notice.regionCode,
  }));
}
