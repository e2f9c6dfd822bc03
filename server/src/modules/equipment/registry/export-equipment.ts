import { and, asc } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { equipmentUnits } from './registry.schema.js';
import { CONCLUSION_LABELS, KEY_UNIT_LABELS, STATUS_LABELS } from './states.js';
import { UNIT_FILE_COLUMNS, type UnitFileField } from './unit-file.js';
import { type EquipmentFilter, afterUnit, selectUnits, unitConditions } from './unit-reads.js';

const BATCH = 1000;

/** The file's header row (the import template is this row alone). */
export const unitFileHeader = () => UNIT_FILE_COLUMNS.map((c) => c.header);

/** The export's own column after the user's code: the user's name from the register (the import ignores it). */
const USER_NAME_HEADER = '使用单位名称';
const AFTER = UNIT_FILE_COLUMNS.findIndex((c) => c.field === 'userUscc') + 1;
const withUserName = <T>(row: T[], name: T) => [...row.slice(0, AFTER), name, ...row.slice(AFTER)];

/**
 * The filtered list as file rows (the import's columns and Chinese headers and labels, so an
 * export re-imports cleanly elsewhere), in the reader's scope, read in id order by keyset pages:
 * no long transaction, constant memory. The platform's export helpers neutralise formula cells.
 */
export async function* exportUnitRows(db: Db, actor: Actor, filter: EquipmentFilter): AsyncGenerator<string[]> {
  yield withUserName(unitFileHeader(), USER_NAME_HEADER);
  const where = unitConditions(actor, filter, todayInChina());
  let after: string | null = null;
  for (;;) {
    const page = await selectUnits(db).where(and(where, afterUnit(after))).orderBy(asc(equipmentUnits.id)).limit(BATCH);
    for (const u of page) {
      const value: Record<UnitFileField, string> = {
        equipmentCode: u.equipmentCode,
        registrationNo: u.registrationNo ?? '',
        category: u.category,
        subcategory: u.subcategory ?? '',
        userUscc: u.userUscc,
        regionCode: u.regionCode,
        address: u.address,
        manufacturer: u.manufacturer ?? '',
        model: u.model ?? '',
        factoryNo: u.factoryNo ?? '',
        putIntoServiceOn: u.putIntoServiceOn,
        status: STATUS_LABELS[u.status],
        keyUnitKind: u.keyUnitKind ? KEY_UNIT_LABELS[u.keyUnitKind] : '',
        safetyGrade: u.safetyGrade === null ? '' : String(u.safetyGrade),
        lastInspectedOn: u.lastInspectedOn ?? '',
        lastConclusion: u.lastConclusion ? CONCLUSION_LABELS[u.lastConclusion] : '',
        nextInspectionDue: u.nextInspectionDue ?? '',
      };
      yield withUserName(UNIT_FILE_COLUMNS.map((c) => value[c.field]), u.userName);
    }
    if (page.length < BATCH) return;
    after = page.at(-1)!.id;
  }
}
