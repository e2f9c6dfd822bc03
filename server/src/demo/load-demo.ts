import { sql } from 'drizzle-orm';
import { makeServices } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { inTransaction } from '../db/sql.js';
import { enterprises } from '../modules/enterprises/enterprises.schema.js';
import { licences } from '../modules/licences/licences.schema.js';
import { todayInChina } from '../platform/calendar/dates.js';
import { passwordProblems } from '../platform/auth/password.js';
import { regions } from '../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../platform/users/users.schema.js';
import { type DemoEnterprise, generateEnterprises } from './generator.js';
import { type DemoAccount, loadAccountsDemo } from './accounts.js';
import { type CasesDemoSummary, DEMO_CASES, loadCasesDemo } from './cases.js';
import { type ComplaintsDemoSummary, DEMO_COMPLAINTS, loadComplaintsDemo } from './complaints.js';
import { DEMO_EQUIPMENT_UNITS, type EquipmentDemoSummary, loadEquipmentDemo } from './equipment.js';
import { loadInspectionDemo } from './inspections.js';
import { type SpotchecksDemoSummary, loadSpotchecksDemo } from './spotchecks.js';
import { type CreditDemoSummary, loadCreditDemo } from './credit.js';
import { makeLicenceGenerator } from './licences.js';
import { DEMO_REGION_CODES } from './places.js';
import { DEMO_PASSWORD, DemoRefusedError, type DemoUser, assertUsernamesFree, createDemoUsers, planDemoUsers } from './users.js';

export { DEMO_PASSWORD, DemoRefusedError };
export const DEMO_SEED = 20261128;
export const DEMO_ENTERPRISES = 5000;
/** Rows per multi-row INSERT (10 columns → 10,000 parameters, well under PostgreSQL's 65,535). */
const BATCH_SIZE = 1000;
/** Serializes demo loads on one PostgreSQL database. */
const DEMO_LOCK = 720_800_010;

export interface DemoSummary {
  users: DemoUser[];
  /** Enterprises' accounts (企业端), with the same password. */
  accounts: DemoAccount[];
  enterprises: number;
  licences: number;
  inspections: { items: number; tasks: number };
  /** Special equipment (issue 16). */
  equipment: EquipmentDemoSummary;
  /** Complaints and reports (issue 17). */
  complaints: ComplaintsDemoSummary;
  /** Enforcement cases, a campaign and a cluster (issue 18). */
  cases: CasesDemoSummary;
  /** Product-quality spot checks (issue 19). */
  spotchecks: SpotchecksDemoSummary;
  /** Credit classes, the dishonest list, an evaluator, the portal's exposures and open data, a department's API key (issue 20). */
  credit: CreditDemoSummary;
  seed: number;
  /** Time spent inserting the enterprises. */
  enterpriseSeconds: number;
}

export interface LoadDemoOptions {
  database: Database;
  config: Config;
  count?: number;
  /** Special-equipment units (default DEMO_EQUIPMENT_UNITS). */
  equipmentUnits?: number;
  /** Complaints and reports (default: DEMO_COMPLAINTS for the full demo's enterprises, in proportion for fewer). */
  complaints?: number;
  seed?: number;
  /** Called at once when first start generated the `admin` password (print it: it is shown once). */
  onAdminPassword?: (password: string) => void;
  /** Called after each batch with the number of enterprises inserted so far. */
  onProgress?: (inserted: number) => void;
}

/**
 * Loads the demo data into a migrated database: first-start data (as the server does), the demo
 * users, `count` generated enterprises and their licences, all in one transaction with one `demo.loaded` audit
 * event. Refuses (DemoRefusedError) when the database already holds enterprises or demo users.
 */
export async function loadDemo(opts: LoadDemoOptions): Promise<DemoSummary> {
  const { database, config, count = DEMO_ENTERPRISES, seed = DEMO_SEED } = opts;
  const weak = passwordProblems(DEMO_PASSWORD, config.password.minLength);
  if (weak.length) throw new DemoRefusedError(`The demo password ${DEMO_PASSWORD} does not meet ZJ_PASSWORD_MIN_LENGTH=${config.password.minLength}: ${weak.join('; ')}`);
  const services = makeServices(database, config);
  const { generatedAdminPassword } = await bootstrap(services, config);
  if (generatedAdminPassword) opts.onAdminPassword?.(generatedAdminPassword);

  return inTransaction(database.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK})`);
    const [any] = await tx.select({ id: enterprises.id }).from(enterprises).limit(1);
    if (any) throw new DemoRefusedError('Refusing to load demo data: the database is not empty (the enterprises table already has rows).');
    const plan = await planDemoUsers(tx);
    await assertUsernamesFree(tx, plan);
    const known = new Set((await tx.select({ code: regions.code }).from(regions)).map((r) => r.code));
    const regionCodes = DEMO_REGION_CODES.filter((c) => known.has(c));
    if (regionCodes.length === 0) throw new DemoRefusedError('The demo enterprises are in Huai\'an (320800); this jurisdiction has none of its regions.');

    const [admin] = await tx.select({ id: users.id }).from(users).where(sql`${users.username} = 'admin'`);
    const actor = admin && (await services.users.loadActor(admin.id, tx));
    if (!actor) throw new DemoRefusedError('The administrator account `admin` is missing or disabled.');
    const ctx = { actor };
    await createDemoUsers(tx, services.users, ctx, plan);

    const started = performance.now();
    let inserted = 0;
    let licenceCount = 0;
    const licencesFor = makeLicenceGenerator({ seed, today: todayInChina() });
    let batch: DemoEnterprise[] = [];
    const flush = async () => {
      const holders = await tx
        .insert(enterprises)
        .values(batch)
        .returning({ id: enterprises.id, industryCode: enterprises.industryCode, status: enterprises.status, establishedOn: enterprises.establishedOn, regionCode: enterprises.regionCode });
      const held = licencesFor(holders.map((h) => ({ ...h, industryCode: h.industryCode ?? '', establishedOn: h.establishedOn ?? '2000-01-01' })));
      if (held.length) await tx.insert(licences).values(held);
      licenceCount += held.length;
      inserted += batch.length;
      batch = [];
      opts.onProgress?.(inserted);
    };
    for (const row of generateEnterprises({ seed, count, regionCodes })) {
      batch.push(row);
      if (batch.length === BATCH_SIZE) await flush();
    }
    if (batch.length) await flush();
    // Statistics for the planner and for the register's size in search estimates, as an import does.
    await tx.execute(sql`analyze enterprises`);
    const enterpriseSeconds = (performance.now() - started) / 1000;
    // The services again, on this transaction: their own transactions become savepoints in it.
    const onTx = makeServices({ ...database, db: tx }, config);
    const inspections = await loadInspectionDemo(tx, onTx, ctx);
    const { accounts, tasks: accountTasks } = await loadAccountsDemo(tx, onTx);
    inspections.tasks += accountTasks;
    const equipment = await loadEquipmentDemo(tx, onTx, { seed: seed ^ 0xe9, units: opts.equipmentUnits ?? DEMO_EQUIPMENT_UNITS, today: todayInChina(), accounts });
    const complaints = await loadComplaintsDemo(tx, onTx, { seed: seed ^ 0xc17, count: opts.complaints ?? Math.min(DEMO_COMPLAINTS, Math.round((count * DEMO_COMPLAINTS) / DEMO_ENTERPRISES)), today: todayInChina(), accounts });
    // The hazards the complaints' verifications found are special-equipment hazards too.
    equipment.hazards += complaints.hazards;
    const cases = await loadCasesDemo(tx, onTx, { seed: seed ^ 0xca5e, count: Math.min(DEMO_CASES, Math.round((count * DEMO_CASES) / DEMO_ENTERPRISES)), today: todayInChina() });
    // The campaign's checks are inspection tasks too.
    inspections.tasks += cases.campaign?.selected ?? 0;
    const spotchecks = await loadSpotchecksDemo(tx, onTx, { seed: seed ^ 0x5c, today: todayInChina(), objectionDays: config.spotcheckRules.objectionDays });
    const credit = await loadCreditDemo(tx, onTx, { today: todayInChina(), noticeDays: config.creditRules.noticeDays, repairMinMonths: config.creditRules.repairMinMonths });

    await services.audit.record(tx, ctx, { action: 'demo.loaded', targetType: 'demo', after: { users: plan.map((u) => u.username), accounts: accounts.map((a) => a.username), enterprises: inserted, licences: licenceCount, inspections, equipment, complaints: complaints.items, cases: cases.cases, spotchecks: { products: spotchecks.products, lots: spotchecks.lots, samples: spotchecks.samples, institutions: spotchecks.institutions.map((i) => i.username) }, credit: { listings: credit.listings.map((l) => l.listingNo), notices: credit.notices, evaluator: credit.evaluator?.username ?? null, department: credit.apiKey?.orgName ?? null }, seed } });
    return { users: plan, accounts, enterprises: inserted, licences: licenceCount, inspections, equipment, complaints, cases, spotchecks, credit, seed, enterpriseSeconds };
  });
}

/** The number of demo enterprises from `ZJ_DEMO_ENTERPRISES` (default 5,000), or of another count variable. */
export function demoCount(raw: string | undefined, fallback = DEMO_ENTERPRISES, name = 'ZJ_DEMO_ENTERPRISES'): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Configuration error: ${name} must be an integer ≥ 0, got "${raw}"`);
  return n;
}
