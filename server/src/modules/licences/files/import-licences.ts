import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { cellDate, cellText } from '../../../platform/files/cells.js';
import type { HeaderMap } from '../../../platform/files/header.js';
import { type CellProblem, type ImportFile, type ImportMode, type ImportResult, type Rejection, runImport } from '../../../platform/files/import.js';
import type { Cell } from '../../../platform/files/read-rows.js';
import { countOf, stagingTable } from '../../../platform/files/staging.js';
import { enterprises } from '../../enterprises/index.js';
import { type LicenceField, type LicenceTypeRef, checkLicenceFields, historicProblem, holderUnknown } from '../licence-fields.js';
import { licenceTypes } from '../licences.schema.js';
import { LICENCE_FILE_COLUMNS, REQUIRED_LICENCE_FILE_FIELDS } from './licence-file-columns.js';

interface Staged {
  row: number;
  uscc: string;
  usccCheckDigitFailed: boolean;
  typeKey: string;
  historic: boolean;
  number: string;
  scope: string | null;
  issuedOn: string;
  expiresOn: string | null;
  issuer: string;
}

const staging = stagingTable<Exclude<keyof Staged, 'row'>>(
  'licence_import',
  [
    { key: 'uscc', column: 'uscc', type: 'text' },
    { key: 'usccCheckDigitFailed', column: 'uscc_check_digit_failed', type: 'boolean' },
    { key: 'typeKey', column: 'type_key', type: 'text' },
    { key: 'historic', column: 'historic', type: 'boolean' },
    { key: 'number', column: 'number', type: 'text' },
    { key: 'scope', column: 'scope', type: 'text' },
    { key: 'issuedOn', column: 'issued_on', type: 'date' },
    { key: 'expiresOn', column: 'expires_on', type: 'date' },
    { key: 'issuer', column: 'issuer', type: 'text' },
  ],
  ['enterprise_id uuid'],
);

/** Licence columns an import sets; the optional ones only when the file has them. */
const WRITTEN: { field: LicenceField; column: string; optional?: true }[] = [
  { field: 'scope', column: 'scope', optional: true },
  { field: 'issuedOn', column: 'issued_on' },
  { field: 'expiresOn', column: 'expires_on', optional: true },
  { field: 'issuer', column: 'issuer' },
];

/** Matches a staged row `s` to the licence `l` it updates: same type and number, same holder. */
const SAME_LICENCE = 'l.type_key = s.type_key and l.number = s.number and l.enterprise_id = s.enterprise_id';

type Deleted<T> = { rows: ({ row: number } & T)[] };

/**
 * Imports licences issued before (no notice is generated): each row is checked like a licence
 * issued through the form (`checkLicenceFields`), then rows are upserted by (type, number) — an
 * existing licence of the same holder has its fields updated, never its state. A number held by
 * another enterprise, a holder outside the register or the importer's data scope, and a new or
 * changed licence of a historic type are rejected. One audit event per import.
 */
export function makeLicenceImport(deps: { db: Db; audit: AuditService }) {
  return async function importLicences(ctx: RequestContext & { actor: Actor }, file: ImportFile, modeOf: () => Promise<ImportMode>): Promise<ImportResult> {
    const types = await deps.db.select({ key: licenceTypes.key, name: licenceTypes.name, validityYears: licenceTypes.validityYears, historic: licenceTypes.historic }).from(licenceTypes);
    const typeByName = new Map<string, LicenceTypeRef>(types.flatMap((t) => [[t.key, t] as const, [t.name, t] as const]));
    const typeName = (key: string) => typeByName.get(key)?.name ?? key;
    const today = todayInChina();
    const scope = visibleTo(ctx.actor, { regionCode: enterprises.regionCode }) ?? sql`true`;

    function check(row: number, cells: Cell[], header: HeaderMap<LicenceField>): Staged | CellProblem<LicenceField>[] {
      const cell = (f: LicenceField) => (header.index[f] === undefined ? null : (cells[header.index[f]!] ?? null));
      const text = (f: LicenceField) => cellText(cell(f));
      // Dates as spreadsheets hold them (date cells, serial numbers, 2019/3/5); anything else is left for the check to refuse.
      const date = (f: LicenceField) => (cell(f) === null ? null : (cellDate(cell(f)) ?? text(f)));
      const typeText = text('type')?.trim() ?? '';
      const checked = checkLicenceFields(
        { uscc: text('uscc') ?? '', type: typeText, number: text('number') ?? '', scope: text('scope'), issuedOn: date('issuedOn') ?? '', expiresOn: date('expiresOn'), issuer: text('issuer') ?? '' },
        typeByName.get(typeText),
        today,
      );
      if (!checked.ok) return checked.problems;
      const { type, ...fields } = checked.value;
      return { row, ...fields, typeKey: type.key, historic: type.historic };
    }

    async function reject(tx: Db, header: HeaderMap<LicenceField>): Promise<Rejection[]> {
      const at = (field: LicenceField, p: { code: string; message: string }, row: number): Rejection => ({ row, column: header.label[field], code: p.code, message: p.message });
      const repeats = await staging.deleteRepeats<{ type_key: string; number: string }>(tx, ['type_key', 'number']);
      await tx.execute(sql`update licence_import s set enterprise_id = ${enterprises.id} from ${enterprises} where ${enterprises.uscc} = s.uscc and ${scope}`);
      const unknown = (await tx.execute(sql`delete from licence_import where enterprise_id is null returning row, uscc, uscc_check_digit_failed`)) as unknown as Deleted<{ uscc: string; uscc_check_digit_failed: boolean }>;
      const taken = (await tx.execute(sql`
        delete from licence_import s using licences l where l.type_key = s.type_key and l.number = s.number and l.enterprise_id <> s.enterprise_id
        returning s.row, s.type_key, s.number`)) as unknown as Deleted<{ type_key: string; number: string }>;
      const historic = (await tx.execute(sql`
        delete from licence_import s where s.historic
          and not exists (select 1 from licences l where ${sql.raw(SAME_LICENCE)} and not (${differs(header)}))
        returning s.row, s.type_key`)) as unknown as Deleted<{ type_key: string }>;
      return [
        ...repeats.map((r) => at('number', { code: 'DUPLICATE_IN_FILE', message: `${typeName(r.type_key)}编号 ${r.number} 在文件中重复出现，仅导入第一次出现的行` }, r.row)),
        ...unknown.rows.map((r) => at('uscc', holderUnknown({ uscc: r.uscc, usccCheckDigitFailed: r.uscc_check_digit_failed }), r.row)),
        ...taken.rows.map((r) => at('number', { code: 'NUMBER_TAKEN', message: `${typeName(r.type_key)}编号 ${r.number} 已登记在其他企业名下` }, r.row)),
        ...historic.rows.map((r) => at('type', historicProblem(typeByName.get(r.type_key)!), r.row)),
      ];
    }

    return runImport(deps.db, file, modeOf, {
      columns: LICENCE_FILE_COLUMNS,
      required: REQUIRED_LICENCE_FILE_FIELDS,
      begin: staging.create,
      check,
      stage: staging.insert,
      reject,
      async commit(tx, header, run) {
        const columns = written(header);
        const total = await countOf(tx, sql`select count(*)::int as n from licence_import`);
        const updated = await countOf(
          tx,
          sql`with upd as (
            update licences l set ${sql.raw(columns.map((c) => `${c} = s.${c}`).join(', '))}, version = l.version + 1, updated_at = now()
            from licence_import s where ${sql.raw(SAME_LICENCE)} and (${differs(header)})
            returning 1
          ) select count(*)::int as n from upd`,
        );
        const imported = await countOf(
          tx,
          sql`with ins as (
            insert into licences (enterprise_id, type_key, number, scope, issued_on, expires_on, issuer)
            select s.enterprise_id, s.type_key, s.number, s.scope, s.issued_on, s.expires_on, s.issuer from licence_import s
            where not exists (select 1 from licences l where l.type_key = s.type_key and l.number = s.number)
            returning 1
          ) select count(*)::int as n from ins`,
        );
        const outcome = { imported, updated, unchanged: total - updated - imported };
        await deps.audit.record(tx, ctx, { action: 'licence.imported', targetType: 'licence_import', targetId: randomUUID(), after: { ...run, ...outcome } });
        return outcome;
      },
    });
  };
}

/** The licence columns this file sets: the required ones, and the optional ones it has. */
const written = (header: HeaderMap<LicenceField>) => WRITTEN.filter((c) => !c.optional || header.index[c.field] !== undefined).map((c) => c.column);

/** True when the staged row `s` would change the licence `l`. */
const differs = (header: HeaderMap<LicenceField>): SQL => sql.raw(written(header).map((c) => `l.${c} is distinct from s.${c}`).join(' or '));
