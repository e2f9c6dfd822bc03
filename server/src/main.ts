import { inTransaction } from './db/sql.js';
import { buildApp, makeServices } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { acquireDataDirLock } from './db/lock.js';
import { systemContext } from './platform/access/actor.js';
import { guardProcess } from './platform/http/crash-guard.js';
import { loggerOptions } from './platform/http/log.js';
import { sweepStaleSpools } from './platform/files/xlsx/read-xlsx.js';
import { makeJobs } from './platform/jobs/jobs.js';
import { loadSecretKey } from './platform/secrets/secret-key.js';

async function main() {
  const config = loadConfig();
  // Before anything else: on PostgreSQL a missing ZJ_SECRET_KEY stops the start here.
  const secretKey = loadSecretKey(config);
  if (secretKey.source === 'generated') {
    console.log(`\n  密钥 / secret key generated: ${secretKey.file}\n  (it keys the audit log; keep a copy apart from the database's backups)\n`);
  }
  if (secretKey.warning) console.warn(`Warning: ${secretKey.warning}`);
  const releaseLock = config.databaseUrl ? () => undefined : acquireDataDirLock(config.dataDir);
  const database = await openDatabase(config);
  await database.migrate(config.migrationsDir);
  const services = makeServices(database, config);
  const { generatedAdminPassword } = await bootstrap(services, config);
  if (generatedAdminPassword) {
    console.log(`\n  初始管理员 / initial administrator: admin  密码 / password: ${generatedAdminPassword}\n  (shown once; you must change it at first log-in)\n`);
  }

  const { app } = await buildApp({ config, database, services, logger: loggerOptions(config.logLevel) });
  guardProcess(app.log);
  const swept = await sweepStaleSpools();
  if (swept) app.log.info({ swept }, 'removed the spool folders of imports a stopped process left behind');
  // Audit anchors: a checkpoint of the chain outside the database at every start and daily (README, "Audit log").
  const anchorAudit = async () => {
    const written = await services.audit.anchor(database.db).catch((err: unknown) => {
      throw new Error(`Cannot write the audit anchor to ${config.auditAnchorDir}: ${err instanceof Error ? err.message : String(err)}`);
    });
    if (written) app.log.info({ auditAnchor: written.anchor, file: written.file }, 'audit anchor written');
  };
  // Draws committed before their secrets were sealed at rest: sealed now (docs/DRAW.md), before any request.
  const resealed = { draws: await services.draws.resealLegacySecrets(), spotcheckDraws: await services.spotchecks.draws.resealLegacySecrets() };
  if (resealed.draws || resealed.spotcheckDraws) app.log.info(resealed, 'sealed the plain secrets of draws committed before sealing');
  await services.audit.ensureKeyed(database.db);
  await anchorAudit();
  const jobs = makeJobs(database, app.log);
  // 00:20 in China: the day's audit anchor.
  jobs.register({ name: 'audit.anchor', cron: '20 16 * * *', handler: anchorAudit });
  jobs.register({ name: 'auth.purge-expired', cron: '*/15 * * * *', handler: async () => void (await services.auth.purgeExpired()) });
  // 00:05 in China (UTC+8): licences whose validity ended yesterday become expired.
  jobs.register({ name: 'licences.expire', cron: '5 16 * * *', handler: async () => void (await services.licences.expire(systemContext())) });
  // 00:10 in China, after expiry: to-dos for expiring licences, passed deadlines, due reviews, overdue notices.
  jobs.register({ name: 'licences.remind', cron: '10 16 * * *', handler: async () => void (await services.licenceReminders.run()) });
  // 00:15 in China: to-dos for inspection results overdue for publication and re-checks falling due.
  jobs.register({ name: 'inspections.remind', cron: '15 16 * * *', handler: async () => void (await services.inspectionPublication.remind()) });
  // 00:25 in China: to-dos for special-equipment units due for periodic inspection within 30 days or overdue.
  jobs.register({ name: 'equipment.due-todos', cron: '25 16 * * *', handler: async () => void (await services.equipment.periodic.dueTodos.run()) });
  // 00:30 in China: every user unit's special-equipment tier (分级分类监管) with the tier model in effect that day.
  jobs.register({ name: 'equipment.tiers', cron: '30 16 * * *', handler: async () => void (await services.equipment.tiers.recomputeAll()) });
  // Every minute: tasks of revealed draws that have none yet (a large draw's, should its reveal's follow-up have failed).
  jobs.register({ name: 'inspections.draw-tasks', cron: '* * * * *', handler: async () => void (await services.draws.createPendingTasks()) });
  // Every 5 minutes: urgent complaints not acknowledged within ZJ_COMPLAINT_ACK_HOURS of receipt are escalated to the section head.
  jobs.register({ name: 'complaints.escalate', cron: '*/5 * * * *', handler: async () => void (await services.complaints.routing.escalateUnacknowledged()) });
  // 00:35 in China: to-dos for complaint clocks within 2 working days of their due date or past it.
  jobs.register({ name: 'complaints.clocks', cron: '35 16 * * *', handler: async () => void (await services.complaints.routing.syncClockTodos()) });
  // 00:40 in China: enterprises with ≥ 3 substantiated complaints or reports in 12 months marked for targeted inspection (to-dos).
  jobs.register({ name: 'complaints.repeat-subjects', cron: '40 16 * * *', handler: async () => void (await services.complaints.stats.markRepeatSubjects()) });
  // 00:45 in China: to-dos for the cases' deadlines (open or decline, decision, defence period over, review pending, seizure ending).
  jobs.register({ name: 'cases.clocks', cron: '45 16 * * *', handler: async () => void (await services.cases.cases.syncClockTodos()) });
  // 00:47 in China: supervised cases' progress reports past their date (to-do for the county, flagged to the city).
  jobs.register({ name: 'cases.supervision', cron: '47 16 * * *', handler: async () => void (await services.cases.oversight.syncSupervisionTodos()) });
  // 00:49 in China: penalty decisions near or past their publication deadline.
  jobs.register({ name: 'cases.publication', cron: '49 16 * * *', handler: async () => void (await services.cases.publication.syncPublicationTodos()) });
  // 00:51 in China: campaigns planned → running → finished by their dates; quality risk notices whose reply is overdue.
  jobs.register({ name: 'cases.campaign-status', cron: '51 16 * * *', handler: async () => void (await services.cases.campaigns.syncStatuses()) });
  jobs.register({ name: 'cases.cluster-replies', cron: '51 16 * * *', handler: async () => void (await services.cases.clusters.syncReplyTodos()) });
  // 00:53 in China: spot-check samples whose objection window has passed become final; failed ones' correction orders past their date become to-dos.
  jobs.register({ name: 'spotchecks.finalize', cron: '53 16 * * *', handler: async () => void (await inTransaction(services.db, (tx) => services.spotchecks.sampling.finalizeDue(tx))) });
  jobs.register({ name: 'spotchecks.followups-due', cron: '55 16 * * *', handler: async () => void (await services.spotchecks.objections.followups.syncDueTodos()) });
  // 00:57 in China: every enterprise's credit score and class with the model in effect (credit/model/README.md).
  jobs.register({ name: 'credit.rescore-all', cron: '57 16 * * *', handler: async () => void (await services.credit.model.rescoreAll()) });
  // Every minute: enterprises with new credit events (a penalty, a failed spot check, a listing …) and overrides past their date.
  jobs.register({ name: 'credit.rescore-events', cron: '* * * * *', handler: async () => void (await services.credit.model.rescoreEvents()) });
  // 00:58 in China: listings past their period leave the dishonest list; the decision to-dos of noticed listings.
  jobs.register({ name: 'credit.listing-expiry', cron: '58 16 * * *', handler: async () => void (await services.credit.listings.expireDue()) });
  // 01:05 in China: the day's open-data file of the public record (portal/open-data/README.md); a second run the same day does nothing.
  jobs.register({ name: 'portal.open-data', cron: '5 17 * * *', handler: async () => void (await services.portal.openData.generate()) });
  if (config.jobs) {
    await jobs.start();
    // Also once at every start, so a new or restored database has its to-dos before the first night.
    await jobs.send('licences.remind');
    await jobs.send('inspections.remind');
    await jobs.send('equipment.due-todos');
    await jobs.send('equipment.tiers');
    await jobs.send('inspections.draw-tasks');
    await jobs.send('complaints.escalate');
    await jobs.send('complaints.clocks');
    await jobs.send('complaints.repeat-subjects');
    for (const name of ['cases.clocks', 'cases.supervision', 'cases.publication', 'cases.campaign-status', 'cases.cluster-replies', 'spotchecks.finalize', 'spotchecks.followups-due', 'credit.listing-expiry', 'credit.rescore-all']) await jobs.send(name);
    // Today's open-data file, when it is missing (a new database, or the night's run was missed).
    await jobs.send('portal.open-data');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await jobs.stop();
    await database.close();
    releaseLock();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  console.log(`Zhijian is running at http://localhost:${config.port} (database: ${database.kind})`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
