import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { makeServices } from '../server/src/app.js';
import type { Database } from '../server/src/db/client.js';
import { dueListSql } from '../server/src/modules/equipment/periodic/due-list.js';
import type { Actor } from '../server/src/platform/access/actor.js';
import { addDays, todayInChina } from '../server/src/platform/calendar/dates.js';
import { pgliteOf } from './sql-trace.js';

type Services = ReturnType<typeof makeServices>;

/** The columns of the equipment bench's register file, in its order, as columns of `enterprises`. */
export const EQUIPMENT_REGISTER_COLUMNS = ['uscc', 'name', 'legal_representative', 'address', 'region_code', 'status', 'established_on', 'industry_code'];

const BASELINE_TABLE = 'equipment_units_copy_baseline';

/** The raw COPY baseline of the unit import: its time inside the server and the indexes it maintained. */
export interface UnitCopyBaseline {
  ms: number;
  rows: number;
  /** Its index definitions (names left out) — checked equal to those of `equipment_units`. */
  indexes: string[];
}

/** What the bulk load of units did. */
export interface UnitLoad {
  ms: number;
  insertMs: number;
  /** VACUUM ANALYZE after the insert (visibility map for index-only scans, statistics). */
  vacuumMs: number;
  units: number;
  /** Units in use per region of the loaded table. */
  byRegion: { regionCode: string; inUse: number; dueWithin30: number }[];
}

/**
 * Bench-only routes of the special-equipment bench (issue 16), outside /api: load the register by
 * COPY, load units in bulk by one INSERT … SELECT over generate_series, the bare due list (the
 * periodic part's SQL, `dueListSql`, without session, scope or schema), the raw COPY baseline of the
 * unit import, and a county officer to sign in as.
 */
export function registerEquipmentRoutes(app: FastifyInstance, deps: { database: Database; services: Services }) {
  const { database, services } = deps;
  const run = (text: string, values?: unknown[]) => database.executeSql(text, values);
  const copyFrom = async (into: string, file: string) => {
    if (database.kind === 'postgres') {
      await run(`${into} from '${file.replace(/'/g, "''")}' with (format csv, header)`);
    } else {
      const blob = await fs.openAsBlob(file);
      await pgliteOf(database).query(`${into} from '/dev/blob' with (format csv, header)`, [], { blob });
    }
  };
  const indexShapes = async (table: string) =>
    (await run(`select indexdef from pg_indexes where schemaname = 'public' and tablename = $1`, [table])).rows
      .map((r) => (r as { indexdef: string }).indexdef.replace(/^(CREATE (?:UNIQUE )?INDEX) \S+ ON \S+ /, '$1 ON t '))
      .sort();
  let admin: Actor | undefined;
  const adminCtx = async () => {
    if (!admin) admin = (await services.users.loadActor((await services.users.byUsername('admin'))!.id))! as Actor;
    return { actor: admin };
  };

  /** COPY of the generated register into `enterprises` (bench data: no history, no audit), then ANALYZE. */
  app.post('/bench/equipment/register', async (request) => {
    const { file } = request.body as { file: string };
    const startedAt = performance.now();
    await copyFrom(`copy enterprises (${EQUIPMENT_REGISTER_COLUMNS.join(', ')})`, file);
    await run('analyze enterprises');
    const { rows } = await run(`select count(*)::int as n, count(*) filter (where status in ('active', 'suspended'))::int as users from enterprises`);
    return { ms: Math.round(performance.now() - startedAt), ...(rows[0] as { n: number; users: number }) };
  });

  /** The due rules as the periodic part holds them (the import file's due dates follow them). */
  app.get('/bench/equipment/rules', async () =>
    (await run(`select id, category, subcategory, kind, safety_grade as "safetyGrade", basis, interval_months as "intervalMonths" from equipment_due_rules order by id`)).rows);

  /** Empties the unit table (after the import, before the bulk load). */
  app.post('/bench/equipment/truncate', async () => {
    await run('truncate equipment_units');
    return { ok: true };
  });

  /**
   * `units` units in one INSERT … SELECT over generate_series, given round the register's active
   * and suspended enterprises by a hash of their number (so every county gets its share), in their
   * enterprise's region; category by the catalogue's realistic shares (elevators 45 %, pressure
   * vessels 20 % …), 91 % in use; due dates: 5 % overdue (up to 200 days), the rest spread over the
   * coming year (so about 8 % of those fall within 30 days); piping components (7000) none. Then
   * VACUUM ANALYZE (PostgreSQL) or ANALYZE, and CHECKPOINT.
   */
  app.post('/bench/equipment/load', async (request): Promise<UnitLoad> => {
    const { units } = request.body as { units: number };
    const startedAt = performance.now();
    // A plain table, not a temporary one: the statements may run on different pooled connections.
    await run('drop table if exists bench_users');
    await run(`create table bench_users as
      select uscc, region_code, coalesce(address, '') as address, (row_number() over (order by uscc) - 1)::int as i from enterprises where status in ('active', 'suspended')`);
    await run('create unique index bench_users_i on bench_users (i)');
    await run('analyze bench_users');
    const h = (k: number) => `abs(hashint4extended(g, ${k}))`;
    const insert = `
      insert into equipment_units (category, subcategory, equipment_code, registration_no, user_uscc, region_code, address, manufacturer, model, factory_no,
        put_into_service_on, status, key_unit_kind, safety_grade, last_inspected_on, last_conclusion, next_inspection_due, created_by_name)
      select c.category, c.sub, c.sub || u.region_code || lpad(g::text, 9, '0'),
        case when c.category in ('7000', 'F000') then null else c.reg || '10苏H' || lpad(g::text, 7, '0') end,
        u.uscc, u.region_code, u.address || (1 + ${h(3)} % 12) || '号楼', '基准制造有限公司', 'BENCH-' || (${h(4)} % 100), lpad((${h(5)} % 1000000)::text, 6, '0'),
        date '2000-01-01' + (${h(6)} % 9400)::int, s.status,
        case when c.category = '3000' and ${h(7)} % 100 < 40 then 'residential' when ${h(7)} % 100 < 45 then 'mall' when ${h(7)} % 100 < 48 then 'school' when ${h(7)} % 100 < 51 then 'hospital' else null end,
        case when c.category = '2000' then 1 + (${h(8)} % 5)::int else null end,
        case when d.due is null or d.due - 365 > current_date then null else d.due - 365 end,
        case when d.due is null or d.due - 365 > current_date then null when ${h(9)} % 100 < 2 then 'fail' else 'pass' end,
        d.due, 'bench'
      from generate_series(1, $1::int) g
      cross join lateral (select ${h(1)} % 10000 as x) r
      cross join lateral (select case
          when r.x < 4500 then '3000' when r.x < 6500 then '2000' when r.x < 7700 then '5000' when r.x < 8700 then '4000' when r.x < 9200 then '8000'
          when r.x < 9500 then '1000' when r.x < 9800 then 'F000' when r.x < 9900 then '6000' when r.x < 9995 then '7000' else '9000' end as category) c0
      cross join lateral (select c0.category,
          case c0.category when '3000' then '3100' when '2000' then '2100' when '5000' then '5100' when '4000' then '4100' when '8000' then '8300'
            when '1000' then '1100' when 'F000' then 'F100' when '6000' then '6100' when '7000' then '7300' else '9100' end as sub,
          case c0.category when '3000' then '梯' when '2000' then '容' when '5000' then '车' when '4000' then '起' when '8000' then '管'
            when '1000' then '锅' when '6000' then '游' else '索' end as reg) c
      cross join lateral (select case when ${h(10)} % 1000 < 910 then 'in_use' when ${h(10)} % 1000 < 960 then 'suspended' when ${h(10)} % 1000 < 985 then 'scrapped' else 'deregistered' end as status) s
      cross join lateral (select case when c.category = '7000' then null::date
          when ${h(11)} % 100 < 5 then current_date - (1 + ${h(12)} % 200)::int
          else current_date + (${h(12)} % 365)::int end as due) d
      join bench_users u on u.i = (${h(2)} % (select count(*) from bench_users))::int`;
    const insertStarted = performance.now();
    await run(insert, [units]);
    const insertMs = Math.round(performance.now() - insertStarted);
    await run('drop table bench_users');
    const vacuumStarted = performance.now();
    await run(database.kind === 'postgres' ? 'vacuum analyze equipment_units' : 'analyze equipment_units');
    const vacuumMs = Math.round(performance.now() - vacuumStarted);
    await run('checkpoint');
    const until = addDays(todayInChina(), 30);
    const { rows } = await run(
      `select region_code as "regionCode", count(*)::int as "inUse", count(*) filter (where next_inspection_due <= $1)::int as "dueWithin30" from equipment_units where status = 'in_use' group by 1 order by 1`,
      [until],
    );
    const byRegion = rows as UnitLoad['byRegion'];
    const { n } = (await run('select count(*)::int as n from equipment_units')).rows[0] as { n: number };
    return { ms: Math.round(performance.now() - startedAt), insertMs, vacuumMs, units: n, byRegion };
  });

  /** A county officer of `regionCode`'s county bureau, made through the users service, to sign in as. */
  app.post('/bench/equipment/officer', async (request) => {
    const { regionCode, password } = request.body as { regionCode: string; password: string };
    const ctx = await adminCtx();
    const bureau = (await services.jurisdiction.listOrgs(ctx.actor, { type: 'county_bureau' }, { page: 1, pageSize: 100 })).items.find((o) => o.regionCode === regionCode);
    if (!bureau) throw new Error(`no county bureau for ${regionCode}`);
    const username = `bench_county_${regionCode}`;
    if (!(await services.users.byUsername(username))) {
      await services.users.create(ctx, { username, password, displayName: '基准县局科员', orgId: bureau.id, roles: ['county_officer'], mustChangePassword: false });
    }
    return { username };
  });

  // The due list's SQL as the periodic part builds it (dueListSql), for one county, and nothing else:
  // no session, no scope condition, no schema (default serializer), rows as the driver answers them.
  app.get('/bench/equipment/due-bare', async (request) => {
    const q = request.query as { within?: string; regionCode: string; page?: string; pageSize?: string };
    const { items, total } = dueListSql(database.db, {
      until: addDays(todayInChina(), Number(q.within ?? 30)),
      regionCodes: [q.regionCode],
      page: { page: Number(q.page ?? 1), pageSize: Number(q.pageSize ?? 20) },
    });
    const [rows, [count]] = await Promise.all([items, total]);
    return { items: rows, total: count?.n ?? 0 };
  });

  /**
   * The raw COPY of the import file into a fresh `(LIKE equipment_units INCLUDING ALL)` table: the
   * same columns, defaults and indexes (checked equal), no history, no audit. `created_by_name` has no
   * default in `equipment_units`; the baseline table gets one (a constant), since the file has no such column.
   */
  app.post('/bench/equipment/copy-baseline', async (request): Promise<UnitCopyBaseline> => {
    const { file, columns } = request.body as { file: string; columns: string[] };
    await run(`drop table if exists ${BASELINE_TABLE}`);
    await run(`create table ${BASELINE_TABLE} (like equipment_units including all)`);
    try {
      const indexes = await indexShapes(BASELINE_TABLE);
      const source = await indexShapes('equipment_units');
      if (indexes.join('\n') !== source.join('\n')) throw new Error(`the baseline table's indexes differ from equipment_units': ${indexes.join('; ')} vs ${source.join('; ')}`);
      await run(`alter table ${BASELINE_TABLE} alter column created_by_name set default 'bench'`);
      await run('checkpoint');
      const startedAt = performance.now();
      await copyFrom(`copy ${BASELINE_TABLE} (${columns.join(', ')})`, file);
      const ms = Math.round(performance.now() - startedAt);
      const { n: rows } = (await run(`select count(*)::int as n from ${BASELINE_TABLE}`)).rows[0] as { n: number };
      return { ms, rows, indexes };
    } finally {
      await run(`drop table if exists ${BASELINE_TABLE}`);
    }
  });
}
