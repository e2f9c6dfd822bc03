import { type SQL, and, asc, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { enterprises } from '../../enterprises/index.js';
import { selectLicencesWithHolder } from '../licence-reads.js';
import { licenceConditions } from '../licence-search.js';
import { licenceTypes, licences } from '../licences.schema.js';
import { NO_EXPIRY } from '../licence-fields.js';
import type { LicenceFilter } from '../licences.service.js';
import { STATE_LABELS } from '../states.js';
import { LICENCE_FILE_COLUMNS, STATE_HEADER } from './licence-file-columns.js';

const BATCH = 1000;

/**
 * The licences of the list's filters as file rows — the import's columns under their Chinese
 * headers, the type by name, `长期` for no expiry, then the state's label — read in (type, number) order by keyset
 * pages on the unique index: no long transaction, constant memory.
 */
export function exportLicenceRows(db: Db, actor: Actor, filter: LicenceFilter): AsyncGenerator<string[]> {
  // Built before the download starts: a bad filter answers 400 instead of breaking the file.
  return rowsOf(db, licenceConditions(actor, filter));
}

async function* rowsOf(db: Db, where: SQL | undefined): AsyncGenerator<string[]> {
  yield [...LICENCE_FILE_COLUMNS.map((c) => c.header), STATE_HEADER];
  let after: { typeKey: string; number: string } | null = null;
  for (;;) {
    const page = await selectLicencesWithHolder(db, {
        typeKey: licences.typeKey,
        type: licenceTypes.name,
        number: licences.number,
        uscc: enterprises.uscc,
        scope: licences.scope,
        issuedOn: licences.issuedOn,
        expiresOn: licences.expiresOn,
        issuer: licences.issuer,
        state: licences.state,
      })
      .where(and(where, after ? sql`(${licences.typeKey}, ${licences.number}) > (${after.typeKey}, ${after.number})` : undefined))
      .orderBy(asc(licences.typeKey), asc(licences.number))
      .limit(BATCH);
    for (const l of page) yield [...LICENCE_FILE_COLUMNS.map((c) => l[c.field] ?? (c.field === 'expiresOn' ? NO_EXPIRY : '')), STATE_LABELS[l.state]];
    if (page.length < BATCH) return;
    after = page.at(-1)!;
  }
}
