import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { loginGuards } from './auth.schema.js';

export interface LockoutSettings {
  threshold: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** The guard of a username, known or not (usernames are compared lower-case). */
export const userGuardKey = (username: string) => `user:${username}`;
/** The guard of one trusted device (its id is the SHA-256 of its token). */
export const deviceGuardKey = (deviceId: string) => `device:${deviceId}`;

export interface GuardState {
  failures: number[];
  lockedUntil: Date | null;
}

/** True while `state` is locked at `now`. */
export const isLocked = (state: GuardState | undefined, now: Date) => !!state?.lockedUntil && state.lockedUntil > now;

/**
 * Failure counting for log-in subjects. Every attempt's decision happens under the guard's row
 * lock (`lock`), taken before anything else that the attempt writes, so parallel attempts are
 * counted one after the other and the attempt after the threshold is refused whatever the
 * concurrency.
 */
export function makeLockout(settings: LockoutSettings) {
  const windowMs = settings.windowMinutes * 60_000;

  return {
    /** The guard's state without locking (a cheap early refusal before the password is checked). */
    async peek(db: Db, key: string): Promise<GuardState | undefined> {
      const [row] = await db.select({ failures: loginGuards.failures, lockedUntil: loginGuards.lockedUntil }).from(loginGuards).where(eq(loginGuards.key, key));
      return row;
    },

    /** Creates the guard row if needed and locks it until the end of `tx`; returns its state. */
    async lock(tx: Db, key: string): Promise<GuardState> {
      await tx.insert(loginGuards).values({ key }).onConflictDoNothing();
      const [row] = await tx.select({ failures: loginGuards.failures, lockedUntil: loginGuards.lockedUntil }).from(loginGuards).where(eq(loginGuards.key, key)).for('update');
      return row!;
    },

    /**
     * Records a failure on a guard locked by `lock`; returns the failures inside the window and,
     * when this one reached the threshold, the end of the lock it set.
     */
    async fail(tx: Db, key: string, state: GuardState, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
      const recent = [...state.failures.filter((t) => t > now.getTime() - windowMs), now.getTime()];
      if (recent.length >= settings.threshold) {
        const lockedUntil = new Date(now.getTime() + settings.lockMinutes * 60_000);
        await tx.update(loginGuards).set({ failures: [], lockedUntil, updatedAt: now }).where(eq(loginGuards.key, key));
        return { failures: recent.length, lockedUntil };
      }
      await tx.update(loginGuards).set({ failures: recent, updatedAt: now }).where(eq(loginGuards.key, key));
      return { failures: recent.length, lockedUntil: null };
    },

    /** Clears failures and lock of the given guards (a successful log-in, an administrator's unlock). */
    async clear(tx: Db, keys: string[]): Promise<void> {
      if (keys.length) await tx.delete(loginGuards).where(inArray(loginGuards.key, keys));
    },

    /** Deletes guards with neither a running lock nor a failure inside the window. */
    async purge(db: Db, now = new Date()): Promise<void> {
      await db
        .delete(loginGuards)
        .where(and(or(isNull(loginGuards.lockedUntil), lt(loginGuards.lockedUntil, now)), lt(loginGuards.updatedAt, new Date(now.getTime() - windowMs))));
    },
  };
}

export type Lockout = ReturnType<typeof makeLockout>;
