import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { acquireDataDirLock } from '../db/lock.js';
import { formatCasesSummary } from './cases.js';
import { DEMO_COMPLAINTS, formatComplaintsSummary } from './complaints.js';
import { DEMO_EQUIPMENT_UNITS } from './equipment.js';
import { DEMO_PASSWORD, type DemoSummary, demoCount, loadDemo } from './load-demo.js';
import { formatSpotchecksSummary } from './spotchecks.js';
import { formatCreditSummary } from './credit.js';

/**
 * `npm run demo`: loads demo users and enterprises into the configured database (PGlite under
 * DATA_DIR, or DATABASE_URL), which must hold no enterprises yet. See server/src/demo/README.md.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const count = demoCount(process.env.ZJ_DEMO_ENTERPRISES);
  const equipmentUnits = demoCount(process.env.ZJ_DEMO_EQUIPMENT, DEMO_EQUIPMENT_UNITS, 'ZJ_DEMO_EQUIPMENT');
  const complaints = process.env.ZJ_DEMO_COMPLAINTS?.trim() ? demoCount(process.env.ZJ_DEMO_COMPLAINTS, DEMO_COMPLAINTS, 'ZJ_DEMO_COMPLAINTS') : undefined;
  const releaseLock = config.databaseUrl ? () => undefined : acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase(config);
    try {
      await database.migrate(config.migrationsDir);
      console.log(`Loading demo data into ${database.kind === 'pglite' ? `${config.dataDir}/pglite` : 'PostgreSQL'}…`);
      const summary = await loadDemo({
        database,
        config,
        count,
        equipmentUnits,
        complaints,
        onAdminPassword: (password) =>
          console.log(`\n  初始管理员 / initial administrator: admin  密码 / password: ${password}\n  (shown once; you must change it at first log-in)\n`),
        onProgress: (n) => {
          if (count >= 100_000 && n % 100_000 === 0) console.log(`  ${n.toLocaleString('en')} enterprises…`);
        },
      });
      printSummary(summary);
    } finally {
      await database.close();
    }
  } finally {
    releaseLock();
  }
  return 0;
}

function printSummary(s: DemoSummary) {
  const width = Math.max(...s.users.map((u) => u.username.length));
  console.log(`\n演示数据已载入 / demo data loaded\n\n  ${s.users.length} users, all with the password ${DEMO_PASSWORD}:`);
  for (const u of s.users) console.log(`    ${u.username.padEnd(width)}  ${u.roles.join(',').padEnd(14)}  ${u.orgName}`);
  if (s.spotchecks.institutions.length) {
    console.log(`\n  ${s.spotchecks.institutions.length} testing-institution accounts (承检机构), same password:`);
    for (const i of s.spotchecks.institutions) console.log(`    ${i.username.padEnd(width)}  ${'institution'.padEnd(14)}  ${i.name}${i.local ? '' : ' (outside the city)'}`);
  }
  console.log(`\n  ${s.accounts.length} enterprise accounts (企业端), same password:`);
  for (const a of s.accounts) console.log(`    ${a.username.padEnd(width)}  ${a.enterpriseName} (${a.uscc}) — ${a.shows}`);
  console.log(`\n  ${s.enterprises.toLocaleString('en')} enterprises with ${s.licences.toLocaleString('en')} licences (seed ${s.seed}) inserted in ${s.enterpriseSeconds.toFixed(1)} s`);
  console.log(`  ${s.inspections.items} inspection items, ${s.inspections.tasks} inspection tasks (a revealed draw in 涟水县, results published)`);
  const e = s.equipment;
  console.log(`  ${e.units.toLocaleString('en')} special-equipment units (${Object.entries(e.byCategory).map(([c, n]) => `${c}: ${n}`).join(', ')}), ${e.inspections.toLocaleString('en')} periodic inspections; ${e.overdue} overdue, ${e.failedInUse} failed and still in use`);
  console.log(`  ${e.selfInspections.toLocaleString('en')} self-inspections, ${e.hazards.toLocaleString('en')} hazards; user units by tier: ${Object.entries(e.tiers).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  const o = e.operators;
  console.log(`  ${o.operators} operators with ${o.certificates} certificates (ID numbers sealed); ${o.examSessions} exam session, ${o.candidates} candidates, ${o.passed} passed`);
  console.log(`  ${e.notice.notices} 暗访通报 to 涟水县 listing ${e.notice.hazards} hazards, ${e.notice.open} still open`);
  for (const line of formatComplaintsSummary(s.complaints)) console.log(`  ${line}`);
  for (const line of formatCasesSummary(s.cases)) console.log(`  ${line}`);
  for (const line of formatSpotchecksSummary(s.spotchecks)) console.log(`  ${line}`);
  for (const line of formatCreditSummary(s.credit)) console.log(`  ${line}`);
  if (s.credit.apiKey) {
    console.log(`\n  ${s.credit.apiKey.orgName} 的 API 密钥 / the department's API key (shown once; only its hash is stored):`);
    console.log(`    ${s.credit.apiKey.key}`);
    console.log('    e.g. curl -H "Authorization: Bearer <key>" -H "Content-Type: application/json" -d \'{"usccs":["…"]}\' http://localhost:3000/api/credit/check');
  }
  console.log('\n  Start the server with `npm start` (same DATA_DIR / DATABASE_URL) and log in, e.g. as lianshui.officer.\n');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
