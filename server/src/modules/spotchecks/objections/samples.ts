import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays } from '../../../platform/calendar/dates.js';
import { notFound } from '../../../platform/http/errors.js';
import { sampleScope } from '../scope.js';
import type { spotcheckObjections} from '../spotchecks.schema.js';
import { type Conclusion, spotcheckSamples } from '../spotchecks.schema.js';

export type SampleRow = typeof spotcheckSamples.$inferSelect;
export type ObjectionRow = typeof spotcheckObjections.$inferSelect;

/**
 * The sample in the actor's scope (README § Data scope; an enterprise's account: its own, once
 * notified), locked for the caller's change when `lock`; 404 otherwise.
 */
export async function sampleFor(tx: Db, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<SampleRow> {
  const scope = await sampleScope(tx, actor);
  const notified = actor.enterpriseUscc != null ? isNotNull(spotcheckSamples.notifiedOn) : undefined;
  const query = tx
    .select()
    .from(spotcheckSamples)
    .where(and(eq(spotcheckSamples.id, id), scope, notified));
  const [row] = opts.lock ? await query.for('update', { of: spotcheckSamples }) : await query;
  if (!row) throw notFound('样品');
  return row;
}

/**
 * Whether the sample's conclusion stands (README § Rules shared: the final conclusion) and since
 * when: a refused objection (its decision day), a retest (its day), or an objection window that
 * passed without an objection (the day after its last day). `null` while it may still change.
 */
export function finalOf(sample: SampleRow, objection: Pick<ObjectionRow, 'status' | 'decidedOn' | 'retestedOn'> | null, today: string): { conclusion: Conclusion; since: string } | null {
  if (objection) {
    if (objection.status === 'refused' && sample.conclusion) return { conclusion: sample.finalConclusion ?? sample.conclusion, since: objection.decidedOn! };
    if (objection.status === 'retested' && sample.finalConclusion) return { conclusion: sample.finalConclusion, since: objection.retestedOn! };
    return null;
  }
  if (sample.finalConclusion) return { conclusion: sample.finalConclusion, since: sample.objectionDueOn ? addDays(sample.objectionDueOn, 1) : (sample.notifiedOn ?? sample.reportedOn ?? today) };
  if (sample.conclusion && sample.objectionDueOn && sample.objectionDueOn < today) return { conclusion: sample.conclusion, since: addDays(sample.objectionDueOn, 1) };
  return null;
}

/** The names of the items that failed (the conclusion's or the retest's). */
export const failingItems = (items: { item: string; pass: boolean }[] | null | undefined) => (items ?? []).filter((i) => !i.pass).map((i) => i.item);
