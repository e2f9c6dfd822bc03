import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { loginDevices } from './auth.schema.js';
import { newToken, sha256 } from './tokens.js';

/** The device cookie: one token per user who signed in on this browser, newest first, joined by '.'. */
export const DEVICE_COOKIE = 'zj_device';
const MAX_TOKENS = 5;
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** The well-formed tokens of a device cookie (at most five). */
export function deviceTokens(cookie: string | undefined): string[] {
  if (!cookie) return [];
  return cookie
    .split('.')
    .filter((t) => TOKEN_RE.test(t))
    .slice(0, MAX_TOKENS);
}

export interface TrustedDevice {
  id: string;
  token: string;
}

/**
 * Trusted devices: a browser that signed in successfully as a user gets a device token (never
 * tied to an IP address, which a NAT shares). Its later attempts for that user are counted on
 * their own guard, so a lock caused by others' failures does not shut its owner out.
 */
export function makeDevices(settings: { trustDays: number }) {
  const lifetimeMs = settings.trustDays * 86_400_000;

  return {
    /** The unexpired device among the cookie's tokens that belongs to `userId`, if any. */
    async find(db: Db, tokens: string[], userId: string, now: Date): Promise<TrustedDevice | null> {
      if (tokens.length === 0) return null;
      const byId = new Map(tokens.map((t) => [sha256(t), t]));
      const [row] = await db
        .select({ id: loginDevices.id })
        .from(loginDevices)
        .where(and(inArray(loginDevices.id, [...byId.keys()]), eq(loginDevices.userId, userId), gt(loginDevices.expiresAt, now)))
        .limit(1);
      return row ? { id: row.id, token: byId.get(row.id)! } : null;
    },

    /**
     * After a successful log-in: extends the device's trust, or registers this browser as a new
     * device of the user. Returns the cookie value to set (this user's token first) and its lifetime.
     */
    async remember(tx: Db, userId: string, tokens: string[], device: TrustedDevice | null, now: Date): Promise<{ value: string; maxAgeSeconds: number }> {
      const expiresAt = new Date(now.getTime() + lifetimeMs);
      let token: string;
      if (device) {
        await tx.update(loginDevices).set({ lastUsedAt: now, expiresAt }).where(eq(loginDevices.id, device.id));
        token = device.token;
      } else {
        token = newToken();
        await tx.insert(loginDevices).values({ id: sha256(token), userId, createdAt: now, lastUsedAt: now, expiresAt });
      }
      const value = [token, ...tokens.filter((t) => t !== token)].slice(0, MAX_TOKENS).join('.');
      return { value, maxAgeSeconds: Math.floor(lifetimeMs / 1000) };
    },
  };
}

export type Devices = ReturnType<typeof makeDevices>;
