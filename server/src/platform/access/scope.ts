import { type SQL, eq, like, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * How much data a role sees: everything, its region and the divisions below, its own org, only
 * itself, or (an enterprise's account) only the rows of its enterprise.
 */
export const DATA_SCOPES = ['all', 'region', 'org', 'self', 'enterprise'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

const SCOPE_WIDTH: Record<DataScope, number> = { all: 3, region: 2, org: 1, self: 0, enterprise: -1 };

/** The widest of several scopes (a user with several roles gets the widest); `self` for none. */
export function widestScope(scopes: DataScope[]): DataScope {
  if (scopes.length === 0) return 'self';
  return scopes.reduce<DataScope>((w, s) => (SCOPE_WIDTH[s] > SCOPE_WIDTH[w] ? s : w), scopes[0]!);
}

/** The narrowest of several scopes (a cap on what roles would give). */
export function narrowestScope(scopes: DataScope[]): DataScope {
  return scopes.reduce<DataScope>((n, s) => (SCOPE_WIDTH[s] < SCOPE_WIDTH[n] ? s : n), 'all');
}

/**
 * The prefix shared by a division and every division below it. For 6-digit division codes the
 * trailing "00" pairs are dropped (320800 → 3208, 320826 → 320826, 320000 → 32); town and
 * village codes (9 or 12 digits) start with their parent's code and are their own prefix.
 */
export function regionPrefix(code: string): string {
  if (code.length !== 6) return code;
  let prefix = code;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/** True when `code` is `ancestor` or lies below it. */
export function regionWithin(code: string, ancestor: string): boolean {
  return code.startsWith(regionPrefix(ancestor));
}

export interface ScopeSubject {
  userId: string | null;
  orgId: string;
  regionCode: string;
  dataScope: DataScope;
  /** The enterprise (USCC) an enterprise account acts for; null or absent for staff and API keys. */
  enterpriseUscc?: string | null;
}

export interface ScopedColumns {
  regionCode: AnyPgColumn;
  orgId?: AnyPgColumn;
  /** The user a row belongs to, for the `self` scope. */
  ownerId?: AnyPgColumn;
  /** The enterprise a row is about, for the `enterprise` scope: a table without one shows an enterprise account nothing. */
  uscc?: AnyPgColumn;
}

/**
 * The one place data scope becomes SQL: a condition to AND into every query over a supervised
 * table. Returns undefined for the `all` scope. Rows outside the scope must look missing (404).
 */
export function visibleTo(subject: ScopeSubject, cols: ScopedColumns): SQL | undefined {
  switch (subject.dataScope) {
    case 'all':
      return undefined;
    case 'region':
      return like(cols.regionCode, `${regionPrefix(subject.regionCode)}%`);
    case 'org':
      return cols.orgId ? eq(cols.orgId, subject.orgId) : sql`false`;
    case 'self':
      if (cols.ownerId && subject.userId) return eq(cols.ownerId, subject.userId);
      return cols.orgId ? eq(cols.orgId, subject.orgId) : sql`false`;
    case 'enterprise':
      return cols.uscc && subject.enterpriseUscc ? eq(cols.uscc, subject.enterpriseUscc) : sql`false`;
  }
}
