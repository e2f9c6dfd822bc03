import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { cellDate, cellText } from '../../../platform/files/cells.js';
import type { HeaderMap } from '../../../platform/files/header.js';
import { type CellProblem, type ImportFile, type ImportMode, type ImportResult, type Rejection, runImport } from '../../../platform/files/import.js';
import type { Cell } from '../../../platform/files/read-rows.js';
import { countOf, stagingTable } from '../../../platform/files/staging.js';
import { type Checked, checkCellText } from '../../../platform/validation/fields.js';
import { normalizeUscc } from '../../enterprises/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { EQUIPMENT_STATUSES, INSPECTION_CONCLUSIONS, KEY_UNIT_KINDS, equipmentImports } from './registry.schema.js';
import { CONCLUSION_LABELS, KEY_UNIT_LABELS, STATUS_LABELS } from './states.js';
import { type CategoryEntry, MAX_ADDRESS, checkCategories, checkEquipmentCode, checkInspectionState, checkRegistrationNo, checkUnitRegion } from './unit-fields.js';
import { REQUIRED_UNIT_FIELDS, UNIT_FILE_COLUMNS, type UnitFileField } from './unit-file.js';

/** Staged columns: the staged value's key, its SQL column (as in `equipment_units`) and type. */
const COLUMNS = [
  { key: 'equipmentCode', column: 'equipment_code', type: 'text' },
  { key: 'registrationNo', column: 'registration_no', type: 'text' },
  { key: 'category', column: 'category', type: 'text' },
  { key: 'subcategory', column: 'subcategory', type: 'text' },
  { key: 'userUscc', column: 'user_uscc', type: 'text' },
  { key: 'regionCode', column: 'region_code', type: 'text' },
  { key: 'address', column: 'address', type: 'text' },
  { key: 'manufacturer', column: 'manufacturer', type: 'text' },
  { key: 'model', column: 'model', type: 'text' },
  { key: 'factoryNo', column: 'factory_no', type: 'text' },
  { key: 'putIntoServiceOn', column: 'put_into_service_on', type: 'date' },
  { key: 'status', column: 'status', type: 'text' },
  { key: 'keyUnitKind', column: 'key_unit_kind', type: 'text' },
  { key: 'safetyGrade', column: 'safety_grade', type: 'int' },
  { key: 'lastInspectedOn', column: 'last_inspected_on', type: 'date' },
  { key: 'lastConclusion', column: 'last_conclusion', type: 'text' },
  { key: 'nextInspectionDue', column: 'next_inspection_due', type: 'date' },
] as const satisfies readonly { key: UnitFileField; column: string; type: string }[];

const STAGING = 'equipment_import';
const staging = stagingTable(STAGING, COLUMNS);
const STAGED_COLUMNS = COLUMNS.map((c) => c.column).join(', ');

type Staged = { row: number } & Record<UnitFileField, string | number | null>;

/** Imports creating at least this many units refresh the table's planner statistics. */
const ANALYZE_AFTER_ROWS = 10_000;

/** A value given by its key (in_use) or its Chinese label (在用). */
const byKeyOrLabel = <K extends string>(keys: readonly K[], labels: Record<K, string>) => {
  const map = new Map<string, K>();
  for (const k of keys) {
    map.set(k, k);
    map.set(labels[k], k);
  }
  return (raw: string) => map.get(raw.replace(/\s/g, ''));
};
const statusOf = byKeyOrLabel(EQUIPMENT_STATUSES, STATUS_LABELS);
const keyUnitKindOf = byKeyOrLabel(KEY_UNIT_KINDS, KEY_UNIT_LABELS);
const conclusionOf = byKeyOrLabel(INSPECTION_CONCLUSIONS, CONCLUSION_LABELS);

/** What the row checks need, prepared once per import (no query per row). */
interface RowContext {
  dictionary: ReadonlyMap<string, CategoryEntry>;
  /** Names of top categories and of subcategories under each top category, to their codes. */
  topByName: ReadonlyMap<string, string>;
  subByName: ReadonlyMap<string, string>;
  resolveRegion: (code: string) => string | null;
  actor: Actor;
  today: string;
}

/** A category cell: its code (3000), its name (电梯) or both (3000 电梯). */
function categoryCode(raw: string | null, byName: ReadonlyMap<string, string>, dictionary: ReadonlyMap<string, CategoryEntry>, parent?: string): string | null {
  if (raw === null) return null;
  const text = raw.trim();
  if (!text || dictionary.has(text)) return text || null;
  const named = byName.get(parent ? `${parent}:${text}` : text);
  if (named) return named;
  const lead = /^([0-9A-Z]{4})[\s.、:：-]*\S/.exec(text);
  return lead && dictionary.has(lead[1]!) ? lead[1]! : text;
}

/** Validates one data row; returns the staged values or the problems (one per bad cell). */
function checkRow(row: number, cells: Cell[], header: HeaderMap<UnitFileField>, ctx: RowContext): Staged | CellProblem<UnitFileField>[] {
  const cell = (f: UnitFileField) => (header.index[f] === undefined ? undefined : cells[header.index[f]!]);
  const text = (f: UnitFileField) => cellText(cell(f));
  const problems: CellProblem<UnitFileField>[] = [];
  const out = { row } as Staged;
  const take = <T extends string | number | null>(f: UnitFileField, r: Checked<T>) => {
    if (r.ok) out[f] = r.value;
    else problems.push({ field: f, code: r.problem.code, message: r.problem.message });
  };
  const reject = (field: UnitFileField, code: string, message: string) => problems.push({ field, code, message });

  take('equipmentCode', checkEquipmentCode(text('equipmentCode')));
  take('registrationNo', checkRegistrationNo(text('registrationNo')));
  const top = categoryCode(text('category'), ctx.topByName, ctx.dictionary);
  const categories = checkCategories(top, categoryCode(text('subcategory'), ctx.subByName, ctx.dictionary, top ?? undefined), ctx.dictionary);
  if (categories.ok) {
    out.category = categories.value.category;
    out.subcategory = categories.value.subcategory;
  } else reject(categories.problem.field as UnitFileField, categories.problem.code, categories.problem.message);

  const uscc = normalizeUscc(text('userUscc') ?? '');
  if (!uscc) reject('userUscc', 'REQUIRED', '使用单位统一社会信用代码不能为空');
  else out.userUscc = uscc;
  take('regionCode', checkUnitRegion(text('regionCode'), ctx.resolveRegion, ctx.actor));
  take('address', checkCellText(text('address'), 'address', '设备地址', { required: true, max: MAX_ADDRESS }));
  take('manufacturer', checkCellText(text('manufacturer'), 'manufacturer', '制造单位', { max: 200 }));
  take('model', checkCellText(text('model'), 'model', '型号', { max: 100 }));
  take('factoryNo', checkCellText(text('factoryNo'), 'factoryNo', '出厂编号', { max: 100 }));

  const date = (f: UnitFileField, label: string, opts: { required?: boolean; past?: boolean }) => {
    const raw = cell(f);
    if (raw === null || raw === undefined || (typeof raw === 'string' && !raw.trim())) {
      if (opts.required) reject(f, 'REQUIRED', `${label}不能为空`);
      else out[f] = null;
      return;
    }
    const iso = cellDate(raw);
    if (!iso) reject(f, 'DATE_FORMAT', `无法识别的${label}“${String(raw).slice(0, 30)}”（如 2019-03-05、2019/3/5）`);
    else if (opts.past && iso > ctx.today) reject(f, 'DATE_FUTURE', `${label} ${iso} 晚于今天`);
    else out[f] = iso;
  };
  date('putIntoServiceOn', '投入使用日期', { required: true, past: true });
  date('lastInspectedOn', '上次检验日期', { past: true });
  date('nextInspectionDue', '下次检验日期', {});

  const status = text('status')?.trim();
  if (!status) out.status = 'in_use';
  else {
    const value = statusOf(status);
    if (value) out.status = value;
    else reject('status', 'STATUS_UNKNOWN', `无法识别的使用状态“${status.slice(0, 20)}”（应为 在用、停用、报废 或 注销）`);
  }
  const kind = text('keyUnitKind')?.trim();
  if (!kind) out.keyUnitKind = null;
  else {
    const value = keyUnitKindOf(kind);
    if (value) out.keyUnitKind = value;
    else reject('keyUnitKind', 'KEY_UNIT_KIND_UNKNOWN', `无法识别的重点场所类型“${kind.slice(0, 20)}”（应为 ${Object.values(KEY_UNIT_LABELS).join('、')}）`);
  }
  const conclusion = text('lastConclusion')?.trim();
  if (!conclusion) out.lastConclusion = null;
  else {
    const value = conclusionOf(conclusion);
    if (value) out.lastConclusion = value;
    else reject('lastConclusion', 'CONCLUSION_UNKNOWN', `无法识别的检验结论“${conclusion.slice(0, 20)}”（应为 合格、基本符合要求 或 不合格）`);
  }
  const grade = text('safetyGrade')?.trim();
  if (!grade) out.safetyGrade = null;
  else {
    const m = /^([1-5])(\.0+)?\s*级?$/.exec(grade);
    if (!m) reject('safetyGrade', 'SAFETY_GRADE', `安全状况等级应为 1–5 级，不是“${grade.slice(0, 20)}”`);
    else if (out.category !== undefined && out.category !== '2000') reject('safetyGrade', 'SAFETY_GRADE', '只有压力容器（2000）有安全状况等级');
    else out.safetyGrade = Number(m[1]);
  }
  if (!problems.length) {
    const state = checkInspectionState({ lastInspectedOn: out.lastInspectedOn as string | null, lastConclusion: out.lastConclusion as never, nextInspectionDue: out.nextInspectionDue as string | null });
    if (!state.ok) reject(state.problem.field as UnitFileField, state.problem.code, state.problem.message);
  }
  return problems.length ? problems : out;
}

const rowsOf = async <T>(tx: Db, query: SQL) => ((await tx.execute(query)) as unknown as { rows: T[] }).rows;

/**
 * The set-based checks over the staged rows, each one statement (no query per row): repeats within
 * the file (the first occurrence is kept), codes and registration numbers already registered, user
 * units missing from the register. Each deletes the rows it rejects and tells why.
 */
async function rejectStaged(tx: Db, header: HeaderMap<UnitFileField>): Promise<Rejection[]> {
  await tx.execute(sql.raw(`analyze ${STAGING}`));
  const out: Rejection[] = [];
  const repeats = (column: 'equipment_code' | 'registration_no') =>
    rowsOf<{ row: number; value: string }>(
      tx,
      sql.raw(`
      with d as (select ${column} as value, min(row) as first from ${STAGING} where ${column} is not null group by ${column} having count(*) > 1)
      delete from ${STAGING} s using d where s.${column} = d.value and s.row > d.first returning s.row, d.value, d.first`),
    );
  for (const r of await repeats('equipment_code')) out.push({ row: r.row, column: header.label.equipmentCode, code: 'DUPLICATE_IN_FILE', message: `设备代码 ${r.value} 在文件中重复出现，仅导入第一次出现的行` });
  for (const r of await repeats('registration_no')) out.push({ row: r.row, column: header.label.registrationNo, code: 'DUPLICATE_IN_FILE', message: `使用登记证编号 ${r.value} 在文件中重复出现，仅导入第一次出现的行` });
  const taken = (column: 'equipment_code' | 'registration_no') =>
    rowsOf<{ row: number; value: string }>(tx, sql.raw(`delete from ${STAGING} s using equipment_units u where u.${column} = s.${column} returning s.row, s.${column} as value`));
  for (const r of await taken('equipment_code')) out.push({ row: r.row, column: header.label.equipmentCode, code: 'DUPLICATE', message: `设备代码 ${r.value} 已登记` });
  for (const r of await taken('registration_no')) out.push({ row: r.row, column: header.label.registrationNo, code: 'DUPLICATE', message: `使用登记证编号 ${r.value} 已被其他设备使用` });
  const users = await rowsOf<{ row: number; uscc: string }>(tx, sql.raw(`delete from ${STAGING} s where not exists (select 1 from enterprises e where e.uscc = s.user_uscc) returning s.row, s.user_uscc as uscc`));
  for (const r of users) out.push({ row: r.row, column: header.label.userUscc, code: 'USER_UNKNOWN', message: `使用单位（${r.uscc.slice(0, 40)}）不在市场主体名录中，请先登记该企业` });
  return out;
}

/**
 * Imports units from a spreadsheet with the register's import rules (platform/files/import.ts):
 * rows are checked while the file streams in (catalogue, division and scope in memory), staged in
 * a temporary table, checked as a set, then written by one INSERT … SELECT in the same transaction
 * with an import record and one audit event. Units are only created: a unit already registered is
 * a rejected row (DUPLICATE). In all-or-nothing mode any rejection writes nothing.
 */
export function makeUnitImport(deps: EquipmentDeps & { dictionary: () => Promise<Map<string, CategoryEntry>> }) {
  return async function importUnits(ctx: RequestContext & { actor: Actor }, file: ImportFile, modeOf: () => Promise<ImportMode>): Promise<ImportResult> {
    const dictionary = await deps.dictionary();
    const topByName = new Map<string, string>();
    const subByName = new Map<string, string>();
    for (const c of dictionary.values()) {
      if (c.parentCode === null) topByName.set(c.name, c.code);
      else subByName.set(`${c.parentCode}:${c.name}`, c.code);
    }
    const rowContext: RowContext = { dictionary, topByName, subByName, resolveRegion: await deps.jurisdiction.regionResolver(), actor: ctx.actor, today: todayInChina() };
    return runImport(deps.db, file, modeOf, {
      columns: UNIT_FILE_COLUMNS,
      required: REQUIRED_UNIT_FIELDS,
      begin: staging.create,
      check: (row, cells, header) => checkRow(row, cells, header, rowContext),
      stage: staging.insert,
      reject: rejectStaged,
      async commit(tx, _header, run) {
        const importId = randomUUID();
        const created = await countOf(tx, sql.raw(`select count(*)::int as n from ${STAGING}`));
        await tx.execute(sql`
          insert into equipment_units (${sql.raw(STAGED_COLUMNS)}, import_id, created_by_name)
          select ${sql.raw(STAGED_COLUMNS)}, ${importId}::uuid, ${ctx.actor.name} from ${sql.raw(STAGING)}`);
        // Fresh statistics after a bulk change, or the planner misjudges lists until autovacuum runs.
        if (created >= ANALYZE_AFTER_ROWS) await tx.execute(sql`analyze equipment_units`);
        const record = { fileName: run.fileName, mode: run.mode, rows: created + run.rejected, created, rejected: run.rejected, importedByName: ctx.actor.name };
        await tx.insert(equipmentImports).values({ id: importId, ...record });
        await deps.audit.record(tx, ctx, { action: 'equipment.imported', targetType: 'equipment_import', targetId: importId, after: { ...record, sha256: run.sha256 } });
        return { imported: created, updated: 0, unchanged: 0 };
      },
    });
  };
}
