import { type SQL, and, desc, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import { notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { enterprises } from '../../enterprises/index.js';
import { licenceTransitions, licenceTypes, licences } from '../licences.schema.js';
import { allowedOutcomes } from './exit-rules.js';
import { type ExitKind, type ExitStage, licenceExits } from './exits.schema.js';

export interface ExitFilter {
  stage?: ExitStage;
  kind?: ExitKind;
  regionCode?: string;
  licenceId?: string;
}

const columns = {
  ...getTableColumns(licenceExits),
  orgName: orgs.name,
  /** The linked measure's status: pending while a section head has to approve the decision. */
  transitionStatus: licenceTransitions.status,
  licence: {
    id: licences.id,
    number: licences.number,
    typeName: licenceTypes.name,
    state: licences.state,
    uscc: enterprises.uscc,
    enterpriseName: enterprises.name,
  },
};

/** Data scope: the holder's region, as for its licence. */
const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: licenceExits.regionCode });

const select = (tx: Db) =>
  tx
    .select(columns)
    .from(licenceExits)
    .innerJoin(licences, eq(licences.id, licenceExits.licenceId))
    .innerJoin(enterprises, eq(enterprises.id, licences.enterpriseId))
    .innerJoin(licenceTypes, eq(licenceTypes.key, licences.typeKey))
    .innerJoin(orgs, eq(orgs.id, licenceExits.orgId))
    .leftJoin(licenceTransitions, eq(licenceTransitions.id, licenceExits.transitionId));

type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];

/** What the UI needs beyond the row: the decisions it may offer, and whether one awaits approval. */
const toView = (row: Row) => ({ ...row, allowedOutcomes: allowedOutcomes(row), awaitingApproval: row.stage === 'deciding' && row.transitionStatus === 'pending' });
export type ExitView = ReturnType<typeof toView>;

/** One procedure as the actor may see it (null: any); 404 outside the actor's scope. */
export async function findExit(tx: Db, actor: Actor | null, id: string): Promise<ExitView> {
  const [row] = await select(tx).where(and(eq(licenceExits.id, id), actor ? scopeOf(actor) : undefined));
  if (!row) throw notFound('退出程序');
  return toView(row);
}

/** The procedure row locked for a step (the caller has checked the actor may see it). */
export async function lockExit(tx: Db, id: string) {
  const [row] = await tx.select().from(licenceExits).where(eq(licenceExits.id, id)).for('update');
  return row!;
}

/** The licence's procedure that has not closed yet, if any. */
export async function openExitOf(tx: Db, licenceId: string) {
  const [row] = await tx
    .select({ id: licenceExits.id })
    .from(licenceExits)
    .where(and(eq(licenceExits.licenceId, licenceId), ne(licenceExits.stage, 'closed')));
  return row ?? null;
}

/** The procedure waiting for the given measure's approval, locked. */
export async function exitAwaiting(tx: Db, transitionId: string) {
  const [row] = await tx
    .select()
    .from(licenceExits)
    .where(and(eq(licenceExits.transitionId, transitionId), eq(licenceExits.stage, 'deciding')))
    .for('update');
  return row ?? null;
}

/** Newest first. */
export async function listExits(db: Db, actor: Actor, filter: ExitFilter, page: Page) {
  const conds: (SQL | undefined)[] = [scopeOf(actor)];
  if (filter.stage) conds.push(eq(licenceExits.stage, filter.stage));
  if (filter.kind) conds.push(eq(licenceExits.kind, filter.kind));
  if (filter.licenceId) conds.push(eq(licenceExits.licenceId, filter.licenceId));
  if (filter.regionCode) conds.push(sql`${licenceExits.regionCode} like ${`${regionPrefix(filter.regionCode)}%`}`);
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    select(db).where(where).orderBy(desc(licenceExits.createdAt), desc(licenceExits.id)).limit(page.pageSize).offset(offsetOf(page)),
    db.select({ n: countAll }).from(licenceExits).where(where),
  ]);
  return { items: rows.map(toView), total: count?.n ?? 0 };
}
