import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { cellText } from '../../../platform/files/cells.js';
import type { HeaderMap } from '../../../platform/files/header.js';
import { type CellProblem, type ImportFile, type ImportMode, type ImportResult, type Rejection, runImport } from '../../../platform/files/import.js';
import type { Cell } from '../../../platform/files/read-rows.js';
import { countOf, stagingTable } from '../../../platform/files/staging.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import { enterpriseImports } from '../enterprises.schema.js';
import { FILE_COLUMNS, type FileField, REQUIRED_FILE_FIELDS, checkDate, checkDigitProblem, checkIndustry, checkRegion, checkStatus, checkUscc } from '../enterprise-fields.js';
import { checkCellText } from '../../../platform/validation/fields.js';

/** Staged columns: field, SQL column of the staging and of the enterprises table. */
const COLUMNS: { key: FileField; column: string; type: string }[] = [
  { key: 'uscc', column: 'uscc', type: 'text' },
  { key: 'name', column: 'name', type: 'text' },
  { key: 'legalRepresentative', column: 'legal_representative', type: 'text' },
  { key: 'address', column: 'address', type: 'text' },
  { key: 'regionCode', column: 'region_code', type: 'text' },
  { key: 'status', column: 'status', type: 'text' },
  { key: 'establishedOn', column: 'established_on', type: 'date' },
  { key: 'industryCode', column: 'industry_code', type: 'text' },
];

const staging = stagingTable('enterprise_import', COLUMNS);

type Staged = Record<FileField, string | null> & { row: number };

/** Imports changing at least this many rows refresh the table's planner statistics. */
const ANALYZE_AFTER_ROWS = 10_000;

/** Validates one data row; returns the staged values or the problems (one per bad cell). */
function checkRow(row: number, cells: Cell[], header: HeaderMap<FileField>, resolveRegion: (c: string) => string | null): Staged | CellProblem<FileField>[] {
  const cell = (f: FileField) => (header.index[f] === undefined ? undefined : cells[header.index[f]!]);
  const text = (f: FileField) => cellText(cell(f));
  const problems: CellProblem<FileField>[] = [];
  const out = { row } as Staged;
  const reject = (field: FileField, p: { code: string; message: string }) => problems.push({ field, code: p.code, message: p.message });
  const take = (f: FileField, r: { ok: true; value: string | null } | { ok: false; problem: { code: string; message: string } }) => {
    if (r.ok) out[f] = r.value;
    else reject(f, r.problem);
  };
  const code = checkUscc(text('uscc') ?? '');
  if (!code.ok) reject('uscc', code.problem);
  else if (code.value.checkDigitFailed) reject('uscc', checkDigitProblem(code.value.uscc));
  else out.uscc = code.value.uscc;
  take('name', checkCellText(text('name'), 'name', '企业名称', { required: true, max: 200 }));
  take('legalRepresentative', checkCellText(text('legalRepresentative'), 'legalRepresentative', '法定代表人', { max: 50 }));
  take('address', checkCellText(text('address'), 'address', '住所', { max: 300 }));
  take('regionCode', checkRegion(text('regionCode'), resolveRegion));
  take('status', checkStatus(text('status')));
  take('establishedOn', checkDate(cell('establishedOn') ?? null));
  take('industryCode', checkIndustry(text('industryCode')));
  return problems.length ? problems : out;
}

/**
 * Imports a registration authority's spreadsheet: rows are validated while the file streams in,
 * staged in a temporary table, checked for repeats and scope, then upserted by USCC in one
 * transaction with a history entry per updated enterprise, an import record and one audit event. In
 * all-or-nothing mode any rejection rolls everything back.
 */
export function makeEnterpriseImport(deps: { db: Db; audit: AuditService; jurisdiction: JurisdictionService }) {
  return async function importEnterprises(ctx: RequestContext & { actor: Actor }, file: ImportFile, modeOf: () => Promise<ImportMode>): Promise<ImportResult> {
    const resolveRegion = await deps.jurisdiction.regionResolver();
    return runImport(deps.db, file, modeOf, {
      columns: FILE_COLUMNS,
      required: REQUIRED_FILE_FIELDS,
      begin: staging.create,
      check: (row, cells, header) => checkRow(row, cells, header, resolveRegion),
      stage: staging.insert,
      async reject(tx, header) {
        const repeats = await rejectRepeats(tx, header);
        return ctx.actor.dataScope === 'all' ? repeats : [...repeats, ...(await rejectOutOfScope(tx, header, ctx.actor))];
      },
      async commit(tx, header, run) {
        const present = COLUMNS.filter((c) => header.index[c.key] !== undefined && c.key !== 'uscc');
        const importId = randomUUID();
        const outcome = await merge(tx, ctx, importId, present.map((c) => c.column));
        // Fresh statistics after a bulk change, or the planner misjudges searches until autovacuum runs.
        if (outcome.imported + outcome.updated >= ANALYZE_AFTER_ROWS) await tx.execute(sql`analyze enterprises`);
        const record = { ...run, ...outcome };
        await tx.insert(enterpriseImports).values({ id: importId, actorId: ctx.actor.userId ?? null, actorName: ctx.actor.name, ...record });
        await deps.audit.record(tx, ctx, { action: 'enterprise.imported', targetType: 'enterprise_import', targetId: importId, after: record });
        return outcome;
      },
    });
  };
}

async function rejectRepeats(tx: Db, header: HeaderMap<FileField>): Promise<Rejection[]> {
  const rows = await staging.deleteRepeats<{ uscc: string }>(tx, ['uscc']);
  return rows.map((r) => ({ row: r.row, column: header.label.uscc, code: 'DUPLICATE_IN_FILE', message: `统一社会信用代码 ${r.uscc} 在文件中重复出现，仅导入第一次出现的行` }));
}

/** A region-scoped user may import only rows of, and enterprises already in, their region. */
async function rejectOutOfScope(tx: Db, header: HeaderMap<FileField>, actor: Actor): Promise<Rejection[]> {
  const prefix = `${regionPrefix(actor.regionCode)}%`;
  const { rows } = (await tx.execute(sql`
    delete from enterprise_import s where s.region_code not like ${prefix}
      or exists (select 1 from enterprises e where e.uscc = s.uscc and e.region_code not like ${prefix})
    returning row, uscc, region_code`)) as unknown as { rows: { row: number; uscc: string; region_code: string }[] };
  return rows.map((r) => ({ row: r.row, column: header.label.regionCode, code: 'OUT_OF_SCOPE', message: `该行企业（${r.uscc}）不在您的辖区内` }));
}

/**
 * Upserts the staged rows, comparing and setting only the columns the file has. An update gets a
 * history entry with before and after; a created enterprise points to the import instead.
 */
async function merge(tx: Db, ctx: RequestContext, importId: string, columns: string[]) {
  const snapshot = (alias: string): SQL =>
    sql.raw(
      `jsonb_build_object('name', ${alias}.name, 'legalRepresentative', ${alias}.legal_representative, 'address', ${alias}.address, 'regionCode', ${alias}.region_code, 'industryCode', ${alias}.industry_code, 'status', ${alias}.status, 'establishedOn', ${alias}.established_on, 'contacts', ${alias}.contacts, 'tags', ${alias}.tags, 'creditClass', ${alias}.credit_class)`,
    );
  // An empty status cell keeps the current status (a new enterprise is active).
  const incoming = (c: string) => (c === 'status' ? `coalesce(s.status, e.status)` : `s.${c}`);
  const differs = sql.raw(columns.map((c) => `e.${c} is distinct from ${incoming(c)}`).join(' or ') || 'false');
  const actorId = ctx.actor?.userId ?? null;
  const actorName = ctx.actor?.name ?? 'system';

  const count = (query: SQL) => countOf(tx, query);
  const total = await count(sql`select count(*)::int as n from enterprise_import`);
  const updated = await count(sql`
    with changed as (
      select e.id, ${snapshot('e')} as before from enterprises e join enterprise_import s on s.uscc = e.uscc where ${differs} for update of e
    ), upd as (
      update enterprises e set ${sql.raw(columns.map((c) => `${c} = ${incoming(c)}`).join(', '))}, version = e.version + 1, updated_at = now()
      from enterprise_import s where s.uscc = e.uscc and e.id in (select id from changed)
      returning e.*
    ), hist as (
      insert into enterprise_history (enterprise_id, actor_id, actor_name, source, action, before, after)
      select upd.id, ${actorId}, ${actorName}, 'import', 'updated', changed.before, ${snapshot('upd')} from upd join changed on changed.id = upd.id
      returning 1
    )
    select count(*)::int as n from hist`);
  const imported = await count(sql`
    with ins as (
      insert into enterprises (uscc, name, legal_representative, address, region_code, status, established_on, industry_code, import_id)
      select s.uscc, s.name, s.legal_representative, s.address, s.region_code, coalesce(s.status, 'active'), s.established_on, s.industry_code, ${importId}::uuid
      from enterprise_import s where not exists (select 1 from enterprises e where e.uscc = s.uscc)
      returning 1
    )
    select count(*)::int as n from ins`);
  return { imported, updated, unchanged: total - updated - imported };
}
