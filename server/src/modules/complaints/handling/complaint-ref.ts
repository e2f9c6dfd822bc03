import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { complaints } from '../complaints.schema.js';
import { complaintScope } from './complaint-json.js';

/**
 * An item as another module refers to it (the spot-check catalogue's links of a product to
 * complaints): its tracking number, kind and the day it was received, read in the caller's
 * transaction in the actor's scope; null when missing or out of scope. Never reporter data.
 */
export async function complaintRef(tx: Db, actor: Actor, id: string) {
  const [row] = await tx
    .select({ id: complaints.id, trackingNo: complaints.trackingNo, kind: complaints.kind, receivedOn: complaints.receivedOn })
    .from(complaints)
    .where(and(eq(complaints.id, id), complaintScope(actor)));
  return row ?? null;
}
