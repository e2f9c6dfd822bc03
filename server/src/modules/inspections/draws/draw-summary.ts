import { eq, sql } from 'drizzle-orm';
import { commitStatementOf } from '../../../../../packages/draw-verify/zhijian-verify.mjs';
import type { Db } from '../../../db/client.js';
import { notFound } from '../../../platform/http/errors.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import type { LegacyStratum, StoredStratum } from '../draw/storage.js';
import { draws, inspectionItems, inspectionPlans } from '../inspections.schema.js';

export type DrawRow = typeof draws.$inferSelect;

/** What a draw's pages say about it without its candidate lists (a draw may have a million): the state, the hashes, the strata's sizes. */
const summaryColumns = {
  id: draws.id,
  planId: draws.planId,
  planName: inspectionPlans.name,
  bureauName: orgs.name,
  itemName: inspectionItems.name,
  status: draws.status,
  version: draws.version,
  committedAt: draws.committedAt,
  committedByName: draws.committedByName,
  revealedAt: draws.revealedAt,
  revealedByName: draws.revealedByName,
  tasksCreatedAt: draws.tasksCreatedAt,
  cancelledAt: draws.cancelledAt,
  cancelReason: draws.cancelReason,
  commitment: draws.commitment,
  candidatesHash: draws.candidatesHash,
  inspectorPoolHash: draws.inspectorPoolHash,
  inspectorsPerTask: sql<number>`coalesce(${draws.inspectorsPerTask}, ${inspectionPlans.inspectorsPerTask})`,
  witnessInput: sql<string | null>`${draws.record}->>'witnessInput'`,
  seed: sql<string | null>`${draws.record}->>'seed'`,
  selectedCount: sql<number | null>`(select sum(jsonb_array_length(s->'selected'))::int from jsonb_array_elements(${draws.record}->'strata') s)`,
};

/** The strata's labels, sizes and classes, read from the stored strata (the whole jsonb value: a pool's keys). */
const strataColumn = {
  // Draws committed before the compact form kept their keys as a JSON array and no count.
  strata: sql<{ name: string; n: number; k: number; className: string | null }[]>`(select jsonb_agg(jsonb_build_object('name', s->'name', 'n', coalesce(s->'n', to_jsonb(jsonb_array_length(s->'candidates'))), 'k', s->'k', 'className', s->'className') order by o) from jsonb_array_elements(${draws.strata}) with ordinality as t(s, o))`,
};

type StrataSummary = { name: string; n: number; k: number; className: string | null }[];

/** The summary of stored strata (`draws.strata`) at hand. */
export const strataSummaryOf = (stored: readonly (StoredStratum | LegacyStratum)[]): StrataSummary =>
  stored.map((s) => ({ name: s.name, n: 'n' in s ? s.n : s.candidates.length, k: s.k, className: ('className' in s ? s.className : undefined) ?? null }));

/**
 * A draw as its pages show it; the class behind each stratum label only to readers of the
 * auditors' record. `strata` when the caller has them at hand (the commit, the reveal): reading
 * them back would read every key of the pool.
 */
export async function readSummary(tx: Db, id: string, opts: { classes: boolean; strata?: StrataSummary }) {
  const [found] = await tx
    .select(opts.strata ? summaryColumns : { ...summaryColumns, ...strataColumn })
    .from(draws)
    .innerJoin(inspectionPlans, eq(inspectionPlans.id, draws.planId))
    .innerJoin(orgs, eq(orgs.id, inspectionPlans.orgId))
    .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionPlans.itemId))
    .where(eq(draws.id, id));
  if (!found) throw notFound('抽取记录');
  const row = { strata: opts.strata, ...found } as typeof found & { strata: StrataSummary | null };
  return {
    ...row,
    strata: (row.strata ?? []).map((s) => ({ ...s, className: opts.classes ? (s.className ?? null) : null })),
    commitStatement: commitStatementFor(row),
  };
}

export type DrawSummary = Awaited<ReturnType<typeof readSummary>>;

/** The one-line commit statement of a `/2` draw (null for `/1`, which had none). */
export function commitStatementFor(d: { id: string; commitment: string; candidatesHash: string; inspectorPoolHash: string | null; inspectorsPerTask: number; committedAt: Date }): string | null {
  if (d.inspectorPoolHash === null) return null;
  return commitStatementOf({ id: d.id, commitment: d.commitment, candidatesHash: d.candidatesHash, inspectorPoolHash: d.inspectorPoolHash, inspectorsPerTask: d.inspectorsPerTask, committedAt: d.committedAt.toISOString() });
}
