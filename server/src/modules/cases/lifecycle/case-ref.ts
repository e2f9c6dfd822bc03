import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { cases } from '../cases.schema.js';
import { caseScope } from './scope.js';

/**
 * A case as another module refers to it (the spot-check catalogue's links of a product to cases):
 * its number, stage and the day the matter was found, read in the caller's transaction in the
 * actor's scope; null when missing or out of scope.
 */
export async function caseRef(tx: Db, actor: Actor, id: string) {
  const [row] = await tx.select({ id: cases.id, caseNo: cases.caseNo, stage: cases.stage, foundOn: cases.foundOn }).from(cases).where(and(eq(cases.id, id), caseScope(actor)));
  return row ?? null;
}
