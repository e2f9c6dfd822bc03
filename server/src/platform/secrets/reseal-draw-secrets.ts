import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/sql.js';
import type { DrawSecrets } from './draw-secrets.js';

/**
 * A start-up step: seals the secrets that draws committed before sealing keep plain (32 bytes) in
 * `table`, a module's own draws table with the columns `id`, `secret` and `blind_secret` (the
 * module calls it for its table). A row is rewritten only while it still holds the plain value it
 * read (rows locked), so a reveal meanwhile reads either form. Returns the rows sealed.
 */
export async function resealPlainDrawSecrets(db: Db, secrets: DrawSecrets, table: 'draws' | 'spotcheck_draws'): Promise<number> {
  return inTransaction(db, async (tx) => {
    const t = sql.identifier(table);
    const { rows } = (await tx.execute(sql`select id, secret, blind_secret from ${t} where octet_length(secret) = 32 or octet_length(blind_secret) = 32 order by id for update`)) as unknown as {
      rows: { id: string; secret: Uint8Array; blind_secret: Uint8Array | null }[];
    };
    for (const row of rows) {
      const secret = Buffer.from(row.secret);
      const blind = row.blind_secret === null ? null : Buffer.from(row.blind_secret);
      const sealedSecret = secrets.resealPlain(secret) ?? secret;
      const sealedBlind = blind === null ? null : (secrets.resealPlain(blind) ?? blind);
      await tx.execute(sql`update ${t} set secret = ${sealedSecret}, blind_secret = ${sealedBlind} where id = ${row.id}`);
    }
    return rows.length;
  });
}
