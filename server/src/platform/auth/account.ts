import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { loginDevices, loginGuards, sessions } from './auth.schema.js';
import { deviceGuardKey, userGuardKey } from './lockout.js';
import { sha256 } from './tokens.js';

/*
 * What other services do to a user's sign-in state, inside their own transaction (after locking
 * the user's row): sessions live in the database, so deleting them ends them on every process.
 */

/** Ends every session of the user at once (but the one of `keepToken`, when given). */
export async function endSessions(tx: Db, userId: string, keepToken?: string): Promise<number> {
  const gone = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepToken ? ne(sessions.id, sha256(keepToken)) : undefined))
    .returning({ id: sessions.id });
  return gone.length;
}

/** Forgets every trusted device of the user (they must sign in again to become trusted). */
export async function forgetDevices(tx: Db, userId: string): Promise<void> {
  const gone = await tx.delete(loginDevices).where(eq(loginDevices.userId, userId)).returning({ id: loginDevices.id });
  if (gone.length) await tx.delete(loginGuards).where(inArray(loginGuards.key, gone.map((d) => deviceGuardKey(d.id))));
}

/** Clears the lockout of the user: failures and lock of their username and of each of their devices. */
export async function clearLockout(tx: Db, user: { id: string; username: string }): Promise<void> {
  const devices = await tx.select({ id: loginDevices.id }).from(loginDevices).where(eq(loginDevices.userId, user.id));
  await tx.delete(loginGuards).where(inArray(loginGuards.key, [userGuardKey(user.username), ...devices.map((d) => deviceGuardKey(d.id))]));
}
