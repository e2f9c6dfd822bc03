import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { type DemoDueRule, type DemoUnit, type UnitUser, generateUnits } from '../server/src/demo/equipment-generator.js';
import { generateEnterprises } from '../server/src/demo/generator.js';
import { todayInChina } from '../server/src/platform/calendar/dates.js';
import { UNIT_FILE_COLUMNS } from '../server/src/modules/equipment/registry/unit-file.js';
import { DATA_SEED } from './data.js';
import { EQUIPMENT_REGISTER_COLUMNS } from './equipment-routes.js';

/** The unit generator's seed for the import file (fixed, so runs compare). */
export const UNITS_SEED = 20_261_206;

/**
 * The import file's columns: the registry's own (UNIT_FILE_COLUMNS, in its order and with its
 * headers), each with the column of `equipment_units` the raw COPY baseline loads it into. Values
 * are written as stored (keys: in_use, residential, pass), which the import also accepts.
 */
export const UNIT_FILE = UNIT_FILE_COLUMNS.map((c) => ({ header: c.header, column: c.field.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`), value: (u: DemoUnit) => u[c.field] }));

/** The register of the equipment bench: `rows` generated enterprises (the register bench's seed), status as stored, for a plain COPY. */
export async function writeEquipmentRegisterCsv(file: string, rows: number): Promise<UnitUser[]> {
  const users: UnitUser[] = [];
  function* records() {
    for (const e of generateEnterprises({ seed: DATA_SEED, count: rows })) {
      if (e.status === 'active' || e.status === 'suspended') users.push({ uscc: e.uscc, regionCode: e.regionCode, address: e.address, industryCode: e.industryCode });
      yield [e.uscc, e.name, e.legalRepresentative, e.address, e.regionCode, e.status, e.establishedOn, e.industryCode];
    }
  }
  await pipeline(Readable.from(records()), stringify({ header: true, columns: EQUIPMENT_REGISTER_COLUMNS }), fs.createWriteStream(file));
  return users;
}

/**
 * The import file: `rows` valid units of the demo's generator — a register migrated with its
 * status and inspection state (last inspection, conclusion, next due date under the default rules)
 * — given to the register's active and suspended enterprises, in their division.
 */
export async function writeUnitsCsv(file: string, rows: number, users: readonly UnitUser[], rules: readonly DemoDueRule[]): Promise<void> {
  function* records() {
    for (const u of generateUnits({ seed: UNITS_SEED, count: rows, users, today: todayInChina(), rules })) yield UNIT_FILE.map((c) => c.value(u));
  }
  await pipeline(Readable.from(records()), stringify({ header: true, columns: UNIT_FILE.map((c) => c.header) }), fs.createWriteStream(file));
}
