import { eq } from 'drizzle-orm';
import type { PgSelectBase, SelectedFields } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { enterprises } from '../enterprises/index.js';
import { licenceTypes, licences } from './licences.schema.js';

/** The select of `selectLicencesWithHolder`, typed by its fields (the three tables joined, none nullable). */
export type LicencesWithHolder<S extends SelectedFields> = PgSelectBase<'licences', S, 'partial', { licences: 'not-null'; enterprises: 'not-null'; licence_types: 'not-null' }>;

/**
 * Licences with their holder and type: `licences ⋈ enterprises ⋈ licence_types` (inner joins:
 * every licence has both), selecting `fields` from the three tables. The start of every licence
 * list (the register, its export, the reminders); callers add their own where, order and joins.
 */
export function selectLicencesWithHolder<S extends SelectedFields>(tx: Db, fields: S): LicencesWithHolder<S> {
  // Built over the widened field type (Drizzle's builder types do not resolve over a type
  // parameter); the result is typed by the caller's fields again.
  const widened: SelectedFields = fields;
  const query = tx
    .select(widened)
    .from(licences)
    .innerJoin(enterprises, eq(enterprises.id, licences.enterpriseId))
    .innerJoin(licenceTypes, eq(licenceTypes.key, licences.typeKey));
  return query as unknown as LicencesWithHolder<S>;
}
