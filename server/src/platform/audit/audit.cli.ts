import { openDatabase } from '../../db/client.js';
import { acquireDataDirLock } from '../../db/lock.js';
import { loadSecretKey } from '../secrets/secret-key.js';
import type { BreakReason, VerifyResult } from './audit.verify.js';
import { makeAuditService } from './audit.service.js';

/** What the audit commands need of the configuration: the database as `npm start` finds it, the key, the anchors. */
export interface AuditCliConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  migrationsDir: string;
  secretKey: string | undefined;
  auditAnchorDir: string;
}

export type AuditCommand = 'audit:verify' | 'audit:anchor';

/** Exit codes: 0 intact (or anchored), 1 the chain is broken, 2 nothing could be checked (e.g. the server holds DATA_DIR). */
export const EXIT = { ok: 0, broken: 1, unable: 2 } as const;

const EXPLAIN: Record<BreakReason, string> = {
  hash_mismatch: 'its content or hash was changed (or ZJ_SECRET_KEY is not the key the chain was written with)',
  chain_broken: 'it does not link to the event before it: events were deleted or slipped in',
  anchor_missing: 'an anchor vouches for this event and it is gone: the log was truncated',
};

/**
 * `npm run audit:verify` and `npm run audit:anchor`, on the database `npm start` would open
 * (DATABASE_URL, or PGlite under DATA_DIR, which only one process may hold). Returns the exit code.
 */
export async function runAuditCommand(command: AuditCommand, config: AuditCliConfig, out: Pick<Console, 'log' | 'error'> = console): Promise<number> {
  const key = loadSecretKey(config).derive('audit-chain');
  let release = () => undefined as void;
  if (!config.databaseUrl) {
    try {
      release = acquireDataDirLock(config.dataDir);
    } catch (err) {
      out.error(`${err instanceof Error ? err.message : String(err)}`);
      out.error(
        command === 'audit:verify'
          ? 'The running server can verify the log itself: 审计日志 → 校验完整性 in the web UI, or GET /api/audit/verify (same check, anchors included).'
          : 'The running server writes an anchor at every start and every day at 00:20; stop it to write one now.',
      );
      return EXIT.unable;
    }
  }
  const database = await openDatabase(config);
  try {
    await database.migrate(config.migrationsDir);
    const audit = makeAuditService({ key, anchorDir: config.auditAnchorDir });
    if (command === 'audit:anchor') {
      await audit.ensureKeyed(database.db);
      const written = await audit.anchor(database.db);
      if (!written) out.log('审计日志为空 / the audit log is empty: nothing to anchor');
      else out.log(`审计锚点已写入 / audit anchor written to ${written.file}:\n${JSON.stringify(written.anchor)}`);
      return EXIT.ok;
    }
    const result = await audit.verify(database.db);
    for (const line of describeResult(result, config.auditAnchorDir)) out.log(line);
    return result.ok ? EXIT.ok : EXIT.broken;
  } finally {
    await database.close();
    release();
  }
}

/** The verification result in words, one line each. */
export function describeResult(result: VerifyResult, anchorDir: string): string[] {
  const lines: string[] = [];
  const { anchors } = result;
  if (result.ok) {
    lines.push(`审计日志完整 / audit log intact: ${result.checked} events checked, keyed from event ${result.keyedFrom ?? '—'}, ${anchors.checked} anchors matched`);
  } else {
    const { id, reason } = result.firstBroken!;
    lines.push(`审计日志被篡改 / audit log BROKEN at event ${id} (${reason}): ${EXPLAIN[reason]}; ${result.checked} events before it are intact`);
    if (result.keyedFrom === null && reason === 'hash_mismatch') {
      lines.push('No event of the chain is keyed. If this database was written before the chain was keyed, start the server (or run `npm run audit:anchor`) once to key it; otherwise the keyed events were replaced.');
    }
  }
  if (anchors.latest) lines.push(`Latest anchor: event ${anchors.latest.lastId} at ${anchors.latest.at} (${anchorDir})`);
  else lines.push(`No anchors in ${anchorDir}: a truncated tail of the log cannot be detected without them.`);
  if (anchors.unreadable > 0) lines.push(`Warning: ${anchors.unreadable} lines of the anchor files are not anchors.`);
  return lines;
}
