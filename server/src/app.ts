import { randomUUID } from 'node:crypto';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { rolesRoutes } from './platform/access/roles.routes.js';
import { makeRolesService } from './platform/access/roles.service.js';
import { refuseNul, validation } from './platform/http/validation.js';
import { scopedServer } from './platform/http/crash-guard.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { makeAuditService } from './platform/audit/audit.service.js';
import { loadSecretKey } from './platform/secrets/secret-key.js';
import { apiKeysRoutes } from './platform/auth/api-keys.routes.js';
import { makeApiKeysService } from './platform/auth/api-keys.service.js';
import { registerAccessControl } from './platform/auth/auth.plugin.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { makeAuthService } from './platform/auth/auth.service.js';
import { makeRateLimiter } from './platform/ratelimit/ratelimit.service.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { makeCalendarService } from './platform/calendar/calendar.service.js';
import { importLimitsOf } from './platform/files/limits.js';
import { frameworkErrors, registerErrorHandler } from './platform/http/errors.js';
import { openApiOptions } from './platform/http/openapi.js';
import { registerSecurityHeaders } from './platform/http/headers.js';
import { perClientLimit } from './platform/http/rate-limit.js';
import { registerRouteTable } from './platform/http/route-table.js';
import { registerETags } from './platform/http/etag.js';
import { registerWebApp } from './platform/http/web.js';
import { jurisdictionRoutes } from './platform/jurisdiction/jurisdiction.routes.js';
import { makeJurisdictionService } from './platform/jurisdiction/jurisdiction.service.js';
import { usersRoutes } from './platform/users/users.routes.js';
import { makeUsersService } from './platform/users/users.service.js';
import { enterprisesRoutes } from './modules/enterprises/enterprises.routes.js';
import { makeEnterprisesService } from './modules/enterprises/enterprises.service.js';
import { enterpriseFilesRoutes } from './modules/enterprises/files/files.routes.js';
import { makeEnterpriseImport } from './modules/enterprises/files/import-enterprises.js';
import { makePublicSearch } from './modules/enterprises/public-search.js';
import { makePublicLookup } from './modules/enterprises/public-lookup.js';
import { licencesRoutes } from './modules/licences/licences.routes.js';
import { licenceCorrectionsRoutes } from './modules/licences/corrections.routes.js';
import { makeLicenceCorrections } from './modules/licences/corrections.js';
import { makeLicencesService } from './modules/licences/licences.service.js';
import { licenceFilesRoutes } from './modules/licences/files/licence-files.routes.js';
import { makeLicenceImport } from './modules/licences/files/import-licences.js';
import { makeFeedbackImport } from './modules/licences/feedback/feedback-import.js';
import { makeLicenceDocuments } from './modules/licences/documents/documents.service.js';
import { licenceExitsRoutes } from './modules/licences/exits/exits.routes.js';
import { makeLicenceExits } from './modules/licences/exits/exits.service.js';
import { leadsRoutes } from './modules/licences/leads/leads.routes.js';
import { makeLeadsService } from './modules/licences/leads/leads.service.js';
import { makeLicenceReminders } from './modules/licences/reminders.js';
import { todosRoutes } from './platform/todos/todos.routes.js';
import { makeTodosService } from './platform/todos/todos.service.js';
import { licenceDocumentsRoutes } from './modules/licences/documents/documents.routes.js';
import { licenceTypesRoutes } from './modules/licences/licence-types.routes.js';
import { makeLicenceTypesService } from './modules/licences/licence-types.service.js';
import { publicEnterpriseRoutes } from './modules/enterprises/public.routes.js';
import { feedbackRoutes } from './modules/licences/feedback/feedback.routes.js';
import { makeFeedbackService } from './modules/licences/feedback/feedback.service.js';
import { inspectionItemsRoutes } from './modules/inspections/items/items.routes.js';
import { makeInspectionItemsService } from './modules/inspections/items/items.service.js';
import { inspectorsRoutes } from './modules/inspections/inspectors/inspectors.routes.js';
import { makeInspectorsService } from './modules/inspections/inspectors/inspectors.service.js';
import { inspectionsRoutes } from './modules/inspections/inspections.routes.js';
import { makePoolsService } from './modules/inspections/pools/pools.service.js';
import { makePlansService } from './modules/inspections/plans/plans.service.js';
import { makePlanTemplates } from './modules/inspections/plans/templates.js';
import { makeDrawRecords } from './modules/inspections/draws/draw-records.js';
import { makeDrawsService } from './modules/inspections/draws/draws.service.js';
import { makeDrawTasks } from './modules/inspections/tasks/draw-tasks.js';
import { makeTasksService } from './modules/inspections/tasks/tasks.service.js';
import { makeRectificationService } from './modules/inspections/tasks/rectification.service.js';
import { makeTaskPhotos } from './modules/inspections/tasks/photos.service.js';
import { makeInspectionPublication } from './modules/inspections/tasks/publication.js';
import { tasksRoutes } from './modules/inspections/tasks/tasks.routes.js';
import { makeMyDraws, myDrawsRoutes } from './modules/inspections/draws/my-draws.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { makeAccountsService } from './modules/accounts/accounts.service.js';
import { commitmentsRoutes } from './modules/commitments/commitments.routes.js';
import { makeCommitmentsService } from './modules/commitments/commitments.service.js';
import { makeDrawSecrets } from './platform/secrets/draw-secrets.js';
import { makePersonalData } from './platform/secrets/personal-data.js';
import { equipmentRoutes } from './modules/equipment/equipment.routes.js';
import { makeEquipmentServices } from './modules/equipment/equipment.services.js';
import { registryPublicRoutes } from './modules/equipment/registry/public.routes.js';
import { complaintsRoutes } from './modules/complaints/complaints.routes.js';
import { makeComplaintsServices } from './modules/complaints/complaints.services.js';
import { substantiatedComplaintCounts } from './modules/complaints/index.js';
import { casesRoutes } from './modules/cases/cases.routes.js';
import { creditRoutes } from './modules/credit/credit.routes.js';
import { makeCreditServices } from './modules/credit/credit.services.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { makePortalServices } from './modules/portal/portal.services.js';
import { spotchecksRoutes } from './modules/spotchecks/spotchecks.routes.js';
import { makeSpotchecksServices } from './modules/spotchecks/spotchecks.services.js';
import { makeCasesServices } from './modules/cases/cases.services.js';
import { caseLeadSources, licenceRevocation } from './modules/cases/wiring.js';

/** Wires every platform service; modules receive only the services they need. */
export function makeServices(database: Database, config: Config) {
  const { db } = database;
  const secretKey = loadSecretKey(config);
  const audit = makeAuditService({ key: secretKey.derive('audit-chain'), anchorDir: config.auditAnchorDir });
  const personal = makePersonalData(secretKey.derive('personal-data'));
  const drawSecrets = makeDrawSecrets(secretKey.derive('draw-secrets'));
  const roles = makeRolesService({ db, audit });
  const jurisdiction = makeJurisdictionService({ db, audit });
  const users = makeUsersService({ db, audit, jurisdiction, roles, passwordMinLength: config.password.minLength });
  const rateLimiter = makeRateLimiter(database);
  const auth = makeAuthService({ db, audit, users, rateLimiter, settings: config });
  const apiKeys = makeApiKeysService({ db, audit, jurisdiction });
  const calendar = makeCalendarService({ db, audit });
  const enterprises = makeEnterprisesService({ db, audit, jurisdiction });
  const importEnterprises = makeEnterpriseImport({ db, audit, jurisdiction });
  const importLicences = makeLicenceImport({ db, audit });
  const publicLookup = makePublicLookup(database);
  const licenceTypes = makeLicenceTypesService({ db, audit });
  const todos = makeTodosService({ db, audit });
  const licences = makeLicencesService({ db, audit, calendar, todos });
  const licenceDocuments = makeLicenceDocuments({ db, audit, licences });
  const licenceCorrections = makeLicenceCorrections({ db, audit, licences });
  const licenceExits = makeLicenceExits({ db, audit, calendar, jurisdiction, users, licences, documents: licenceDocuments, todos });
  const feedback = makeFeedbackService({ db, audit, calendar, jurisdiction, licences, exits: licenceExits, todos, dueWorkingDays: config.feedbackDueWorkingDays });
  const importFeedback = makeFeedbackImport({ db, audit, feedback });
  const leads = makeLeadsService({ db, audit, jurisdiction, users });
  const licenceReminders = makeLicenceReminders({ db, todos, jurisdiction });
  const equipment = makeEquipmentServices({ db, audit, calendar, jurisdiction, todos, personal, operatorIdKey: secretKey.derive('equipment-operator-id'), complaintCounts: substantiatedComplaintCounts });
  const inspectionItems = makeInspectionItemsService({ db, audit });
  const inspectors = makeInspectorsService({ db, audit });
  const pools = makePoolsService({ db, audit, jurisdiction, kinds: equipment.supervision.poolKinds });
  const plans = makePlansService({ db, audit, pools });
  const draws = makeDrawsService({ db, audit, plans, tasks: makeDrawTasks({ jurisdiction, pools }), secrets: drawSecrets });
  const drawRecords = makeDrawRecords({ db, audit, plans, secrets: drawSecrets });
  const planTemplates = makePlanTemplates({ db, pools, plans });
  const tasks = makeTasksService({ db, audit, calendar, jurisdiction, todos, pools });
  const rectification = makeRectificationService({ db, audit, calendar, tasks, todos, pools });
  const taskPhotos = makeTaskPhotos({ db, audit });
  const inspectionPublication = makeInspectionPublication({ db, todos });
  const accounts = makeAccountsService({ db, audit, users, jurisdiction, todos, personal, maxAccounts: config.enterpriseAccountsMax });
  const commitments = makeCommitmentsService({ db, audit });
  const complaints = makeComplaintsServices({ db, audit, calendar, jurisdiction, todos, personal, hashKey: secretKey.derive('complaints'), ackHours: config.complaintAckHours, tasks, hazards: equipment.hazards, leads, exits: licenceExits });
  const spotchecks = makeSpotchecksServices({ db, audit, calendar, jurisdiction, todos, users, rules: config.spotcheckRules, drawSecrets });
  const cases = makeCasesServices({ db, audit, calendar, jurisdiction, todos, users, personal, rules: config.caseRules, leadSources: caseLeadSources({ db, leads, tasks, complaints, equipment, spotchecks }), revocation: licenceRevocation({ exits: licenceExits }), plans, draws });
  const credit = makeCreditServices({ db, audit, calendar, jurisdiction, todos, users, enterprises, rateLimiter, rules: config.creditRules, pdfFont: config.pdfFont });
  const portal = makePortalServices({ db, audit, jurisdiction, todos });
  return { db, audit, personal, drawSecrets, accounts, cases, spotchecks, credit, portal, commitments, complaints, equipment, roles, jurisdiction, users, rateLimiter, auth, apiKeys, calendar, enterprises, importEnterprises, importLicences, publicLookup, licenceTypes, licences, licenceCorrections, licenceDocuments, licenceExits, feedback, importFeedback, leads, todos, licenceReminders, inspectionItems, inspectors, pools, plans, planTemplates, draws, drawRecords, tasks, rectification, taskPhotos, inspectionPublication };
}

export type Services = ReturnType<typeof makeServices>;

/** Builds the HTTP app: platform plugins first, then each module's routes, then the web UI. */
export async function buildApp(opts: { config: Config; database: Database; services?: Services; logger?: FastifyServerOptions['logger'] }) {
  const { config, database } = opts;
  const services = opts.services ?? makeServices(database, config);
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    genReqId: () => randomUUID(),
    serverFactory: scopedServer,
    bodyLimit: 1_048_576,
    frameworkErrors,
    ...validation,
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerRouteTable(app);
  registerErrorHandler(app);
  registerETags(app);
  app.addHook('preValidation', refuseNul);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.importMaxBytes, files: 1, fields: 10, parts: 20 } });
  app.decorate('importLimits', importLimitsOf(config));
  await app.register(swagger, openApiOptions());
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAccessControl(app, { auth: services.auth, apiKeys: services.apiKeys, cookieSecure: config.cookieSecure });
  registerSecurityHeaders(app);
  const publicLimit = perClientLimit(services.rateLimiter, config.publicRateLimit);

  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['system'], summary: '健康检查（服务与数据库可用）', response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]) }) } } },
    async () => {
      await database.executeSql('select 1');
      return { status: 'ok' as const, database: database.kind };
    },
  );
  await app.register(authRoutes({ auth: services.auth, cookieSecure: config.cookieSecure, passwordMinLength: config.password.minLength }));
  await app.register(jurisdictionRoutes(services.jurisdiction));
  await app.register(usersRoutes(services.users));
  await app.register(rolesRoutes(services.roles));
  await app.register(apiKeysRoutes(services.apiKeys));
  await app.register(auditRoutes({ db: services.db, audit: services.audit }));
  await app.register(calendarRoutes(services.calendar));
  await app.register(todosRoutes(services.todos));
  await app.register(enterprisesRoutes(services.enterprises));
  await app.register(enterpriseFilesRoutes({ db: services.db, importEnterprises: services.importEnterprises }));
  await app.register(publicEnterpriseRoutes({ lookup: services.publicLookup, search: makePublicSearch(services.db), limit: publicLimit }));
  await app.register(licencesRoutes(services.licences));
  await app.register(licenceCorrectionsRoutes(services.licenceCorrections));
  await app.register(licenceFilesRoutes({ db: services.db, importLicences: services.importLicences, importFeedback: services.importFeedback }));
  await app.register(licenceExitsRoutes(services.licenceExits));
  await app.register(feedbackRoutes(services.feedback));
  await app.register(leadsRoutes(services.leads));
  await app.register(licenceTypesRoutes(services.licenceTypes));
  await app.register(licenceDocumentsRoutes(services.licenceDocuments));
  await app.register(inspectionItemsRoutes(services.inspectionItems));
  await app.register(inspectorsRoutes(services.inspectors));
  await app.register(inspectionsRoutes({ pools: services.pools, plans: services.plans, templates: services.planTemplates, draws: services.draws, drawRecords: services.drawRecords, publicLimit }));
  await app.register(accountsRoutes({ accounts: services.accounts, enterprises: services.enterprises, publicLimit }));
  await app.register(commitmentsRoutes(services.commitments));
  await app.register(tasksRoutes({ publication: services.inspectionPublication, tasks: services.tasks, rectification: services.rectification, photos: services.taskPhotos, publicLimit }));
  await app.register(myDrawsRoutes(makeMyDraws({ db: services.db, secrets: services.drawSecrets })));
  await app.register(equipmentRoutes(services.equipment));
  await app.register(registryPublicRoutes({ db: services.db, limit: publicLimit('equipment') }));
  await app.register(complaintsRoutes(services.complaints, publicLimit));
  await app.register(casesRoutes(services.cases, publicLimit));
  await app.register(spotchecksRoutes(services.spotchecks, publicLimit));
  await app.register(creditRoutes(services.credit, publicLimit));
  await app.register(portalRoutes(services.portal, publicLimit));

  const hasWeb = await registerWebApp(app, config.webDir);
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: unknown page paths get its page, which shows its own 404;
    // API paths and missing files (anything with an extension) get a real 404.
    const pathname = request.url.split('?')[0]!;
    const isPage = !pathname.startsWith('/api/') && pathname !== '/api' && !path.extname(pathname);
    if (hasWeb && request.method === 'GET' && isPage) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '请求的资源不存在' } });
  });

  return { app, services };
}
