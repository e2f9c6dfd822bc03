import { beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../platform/calendar/dates.js';
import { useTestEnv } from '../../test/app.js';
import { makeTargetedTask } from '../inspections/testing.js';

/**
 * Issue 15 (Done means): an enterprise's account against every route of the API. The rule of each
 * route is in RULES below — walked from the route table, so a route without a rule fails here:
 *
 * - `own`: answers the account's own rows only — a detail of its own record 200 and another
 *   enterprise's 404; a list holds only its own rows (and, filtered to another enterprise, none).
 * - `forbidden`: staff only, 403 (whatever the parameters: access is checked first).
 * - `closed`: open to any signed-in user by its access rule, checked in the service (e.g. only the
 *   assigned investigator): 403 or 404 for the enterprise's account, given a well-formed body.
 * - `authenticated`: any signed-in user's (session, regions, calendar, its own to-dos): not 403.
 * - `public`: the public site and the API browser.
 * - `elsewhere`: allowed for enterprise accounts, with its own test named in the rule (the
 *   rectification report, commitments); here only another enterprise's record is tried where one applies.
 */
const env = useTestEnv();
type Client = Awaited<ReturnType<typeof env.login>>;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const PASSWORD = 'Qiye#Zhanghao2026';

/** One enterprise's records: a licence with a document, a task under an open rectification order with a photo. */
interface Records {
  uscc: string;
  licenceId: string;
  documentId: string;
  taskId: string;
  photoId: string;
  orderId: string;
}

async function recordsOf(): Promise<Records> {
  const t = await makeTargetedTask(env);
  const licence = await env.services.licences.create(env.ctx, { uscc: t.enterprise.uscc, type: 'industrial_product', number: `XK-ENT-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, scope: '电线电缆', issuedOn: '2024-03-01', issuer: '江苏省市场监督管理局' });
  const document = await env.services.licenceDocuments.upload(env.ctx, licence.id, { fileName: '现场核查.pdf', content: PDF });
  const photo = await env.services.taskPhotos.upload({ actor: t.a }, t.task.id, { fileName: '现场.png', content: PNG });
  await env.services.tasks.submit({ actor: t.a }, t.task.id, { answers: { licence_valid: { value: false }, records_kept: { value: true } }, inspectedOn: todayInChina() });
  const detail = await env.services.rectification.issue({ actor: t.a }, t.task.id, { requirements: '办理有效许可证', workingDays: 10 });
  return { uscc: t.enterprise.uscc, licenceId: licence.id, documentId: document.id, taskId: t.task.id, photoId: photo.id, orderId: detail.rectificationOrders[0]!.id };
}

type Rule =
  | { rule: 'forbidden' }
  | { rule: 'closed'; body: Record<string, unknown> }
  | { rule: 'authenticated' }
  | { rule: 'public' }
  | { rule: 'elsewhere'; test: string; /** Another enterprise's record answers 404. */ other?: (o: Records) => string }
  | { rule: 'own'; /** A detail: own record 200, another's 404. */ url?: (r: Records) => string; /** A list: the uscc of each item (all must be the account's own). */ usccOf?: (item: Record<string, unknown>) => unknown; /** The list filtered to another enterprise: empty. */ otherQuery?: (o: Records) => string };

const forbidden: Rule = { rule: 'forbidden' };
const authenticated: Rule = { rule: 'authenticated' };
const publicRoute: Rule = { rule: 'public' };
const detail = (url: (r: Records) => string): Rule => ({ rule: 'own', url });

const RULES: Record<string, Rule> = {
  // The API browser and the public site.
  'GET /api/docs': publicRoute,
  'GET /api/docs/static/index.html': publicRoute,
  'GET /api/docs/static/swagger-initializer.js': publicRoute,
  'GET /api/docs/json': publicRoute,
  'GET /api/docs/yaml': publicRoute,
  'GET /api/docs/static/*': publicRoute,
  'GET /api/health': publicRoute,
  'POST /api/auth/login': publicRoute,
  'GET /api/public/enterprises/:uscc': publicRoute,
  'GET /api/public/draws': publicRoute,
  'GET /api/public/draws/:id': publicRoute,
  'POST /api/public/enterprise-account-requests': publicRoute,
  'GET /api/public/enterprise-account-requests/:requestNo': publicRoute,
  'GET /api/public/inspection-results': publicRoute,
  // Any signed-in user's.
  'POST /api/auth/logout': authenticated,
  'GET /api/auth/session': authenticated,
  'POST /api/auth/password': authenticated,
  'GET /api/regions': authenticated,
  'GET /api/calendar/add-working-days': authenticated,
  'GET /api/calendar/is-working-day': authenticated,
  'GET /api/calendar/years': authenticated,
  'GET /api/calendar/days': authenticated,
  'GET /api/todos': authenticated,
  'POST /api/todos/:id/done': authenticated,
  // The enterprise's own records.
  'GET /api/my/enterprise': detail(() => '/api/my/enterprise'),
  'GET /api/my/draws': { rule: 'own', usccOf: () => undefined },
  'GET /api/enterprises/:uscc/history': detail((r) => `/api/enterprises/${r.uscc}/history`),
  'GET /api/licences': { rule: 'own', usccOf: (i) => i.uscc, otherQuery: (o) => `uscc=${o.uscc}` },
  'GET /api/licences/:id': detail((r) => `/api/licences/${r.licenceId}`),
  'GET /api/licences/:id/notice': detail((r) => `/api/licences/${r.licenceId}/notice`),
  'GET /api/licences/:id/transitions': detail((r) => `/api/licences/${r.licenceId}/transitions`),
  'GET /api/licences/:id/corrections': detail((r) => `/api/licences/${r.licenceId}/corrections`),
  'GET /api/licences/:id/documents': detail((r) => `/api/licences/${r.licenceId}/documents`),
  'GET /api/licences/:id/documents/:documentId': detail((r) => `/api/licences/${r.licenceId}/documents/${r.documentId}`),
  'GET /api/inspection-tasks': { rule: 'own', usccOf: (i) => i.objectKey, otherQuery: (o) => `uscc=${o.uscc}` },
  'GET /api/inspection-tasks/:id': detail((r) => `/api/inspection-tasks/${r.taskId}`),
  'GET /api/inspection-tasks/:id/photos/:photoId': detail((r) => `/api/inspection-tasks/${r.taskId}/photos/${r.photoId}`),
  'GET /api/rectification-orders/:id/document': detail((r) => `/api/rectification-orders/${r.orderId}/document`),
  'GET /api/commitments': { rule: 'own', usccOf: (i) => i.uscc, otherQuery: (o) => `uscc=${o.uscc}` },
  'GET /api/commitment-templates': { rule: 'elsewhere', test: 'commitments/commitments.api.test.ts' },
  'POST /api/commitments': { rule: 'elsewhere', test: 'commitments/commitments.api.test.ts' },
  'POST /api/commitments/:id/withdraw': { rule: 'elsewhere', test: 'commitments/commitments.api.test.ts' },
  'POST /api/rectification-orders/:id/report': { rule: 'elsewhere', test: 'inspections/tasks/enterprise-tasks.api.test.ts', other: (o) => `/api/rectification-orders/${o.orderId}/report` },
  // Special equipment, registry: the list holds its own units; a unit of its own 200 and another's 404 in equipment/registry/registry.api.test.ts.
  'GET /api/equipment': { rule: 'own', usccOf: (i) => i.userUscc, otherQuery: (o) => `userUscc=${o.uscc}` },
  'GET /api/equipment/:id': { rule: 'elsewhere', test: 'equipment/registry/registry.api.test.ts' },
  'GET /api/equipment/:id/history': { rule: 'elsewhere', test: 'equipment/registry/registry.api.test.ts' },
  'GET /api/equipment-categories': { rule: 'own', usccOf: () => undefined },
  'GET /api/public/equipment/:registrationNo': publicRoute,
  // Special equipment, periodic inspection: its own units due; a unit's inspections (own 200, another's 404) in equipment/periodic/periodic.api.test.ts.
  'GET /api/equipment/due': { rule: 'own', usccOf: (i) => i.userUscc },
  'GET /api/equipment/:id/inspections': { rule: 'elsewhere', test: 'equipment/periodic/periodic.api.test.ts' },
  // Special equipment, operators: its own operators (masked), certificates, coverage and emergency records; details, the
  // reveal (403) and the emergency writes in equipment/operators/operators.api.test.ts.
  'GET /api/operator-work-items': { rule: 'own', usccOf: () => undefined },
  'GET /api/equipment-operators': { rule: 'own', usccOf: (i) => i.employerUscc, otherQuery: (o) => `employerUscc=${o.uscc}` },
  'GET /api/equipment-operators/:id': { rule: 'elsewhere', test: 'equipment/operators/operators.api.test.ts' },
  'GET /api/equipment-operator-certificates/expiring': { rule: 'own', usccOf: (i) => i.employerUscc, otherQuery: (o) => `employerUscc=${o.uscc}` },
  'GET /api/equipment-users/:uscc/operators': detail((r) => `/api/equipment-users/${r.uscc}/operators`),
  'GET /api/equipment-emergency-records': { rule: 'own', usccOf: (i) => i.userUscc, otherQuery: (o) => `userUscc=${o.uscc}` },
  'POST /api/equipment-emergency-records': { rule: 'elsewhere', test: 'equipment/operators/operators.api.test.ts' },
  'GET /api/equipment-emergency-records/:id': { rule: 'elsewhere', test: 'equipment/operators/operators.api.test.ts' },
  'POST /api/equipment-emergency-records/:id/files': { rule: 'elsewhere', test: 'equipment/operators/operators.api.test.ts' },
  'GET /api/equipment-emergency-records/:id/files/:fileId': { rule: 'elsewhere', test: 'equipment/operators/operators.api.test.ts' },
  // Special equipment, hazards: its own hazards and self-inspections; reporting, correcting with evidence, the rate and the
  // tier (own 200, another's 404) in equipment/hazards/hazards.api.test.ts and equipment/tiers/tiers.api.test.ts.
  'GET /api/equipment-hazards': { rule: 'own', usccOf: (i) => i.userUscc, otherQuery: (o) => `userUscc=${o.uscc}` },
  'GET /api/equipment-self-inspections': { rule: 'own', usccOf: (i) => i.userUscc, otherQuery: (o) => `userUscc=${o.uscc}` },
  ...Object.fromEntries(
    ['POST /api/equipment-hazards', 'GET /api/equipment-hazards/:id', 'PATCH /api/equipment-hazards/:id', 'POST /api/equipment-hazards/:id/correct', 'POST /api/equipment-hazards/:id/files', 'GET /api/equipment-hazards/:id/files/:fileId', 'DELETE /api/equipment-hazards/:id/files/:fileId', 'POST /api/equipment-self-inspections', 'GET /api/equipment-self-inspections/:id', 'GET /api/equipment-stats/self-correction'].map((key) => [key, { rule: 'elsewhere', test: 'equipment/hazards/hazards.api.test.ts' } as Rule]),
  ),
  'GET /api/equipment-users/:uscc/tier': { rule: 'elsewhere', test: 'equipment/tiers/tiers.api.test.ts' },
  // Complaints addressed to the enterprise for mediation (never a reporter field).
  'GET /api/my/complaints': { rule: 'own', usccOf: (i) => i.subjectUscc },
  'GET /api/my/complaints/:id': { rule: 'elsewhere', test: 'complaints/handling/handling.api.test.ts' },
  'POST /api/my/complaints/:id/answer': { rule: 'elsewhere', test: 'complaints/handling/handling.api.test.ts' },
};

/** Every other route of the API is staff-only: listed here by name, so that a new route needs a decision. */
const STAFF_ONLY = [
  'GET /api/orgs', 'GET /api/orgs/:id', 'POST /api/orgs', 'PATCH /api/orgs/:id',
  'GET /api/users', 'GET /api/users/:id', 'POST /api/users', 'PATCH /api/users/:id', 'POST /api/users/:id/reset-password', 'POST /api/users/:id/unlock',
  'GET /api/roles', 'GET /api/roles/:key', 'GET /api/permissions', 'POST /api/roles', 'PATCH /api/roles/:key',
  'GET /api/api-keys', 'POST /api/api-keys', 'DELETE /api/api-keys/:id',
  'GET /api/audit', 'GET /api/audit/verify',
  'PUT /api/calendar/days/:date', 'DELETE /api/calendar/days/:date', 'PUT /api/calendar/years/:year',
  'GET /api/enterprises', 'GET /api/enterprises/:uscc', 'POST /api/enterprises', 'PATCH /api/enterprises/:uscc', 'POST /api/enterprises/import', 'GET /api/enterprises/export',
  'POST /api/licences', 'POST /api/licences/:id/transitions', 'POST /api/licences/:id/transitions/:requestId/approve', 'POST /api/licences/:id/transitions/:requestId/reject',
  'GET /api/licence-approval-rules', 'PUT /api/licence-approval-rules/:to', 'PATCH /api/licences/:id', 'POST /api/licences/import', 'GET /api/licences/export',
  'POST /api/feedback/import', 'POST /api/feedback', 'GET /api/feedback', 'GET /api/feedback/:id', 'POST /api/feedback/:id/decision',
  'GET /api/licence-exits', 'POST /api/licence-exits', 'GET /api/licence-exits/:id', 'POST /api/licence-exits/:id/decision',
  'GET /api/unlicensed-leads', 'POST /api/unlicensed-leads', 'GET /api/unlicensed-leads/:id', 'POST /api/unlicensed-leads/:id/assign', 'POST /api/unlicensed-leads/:id/close',
  'GET /api/licence-types', 'GET /api/licence-types/:key', 'POST /api/licence-types', 'PATCH /api/licence-types/:key',
  'POST /api/licences/:id/documents',
  'GET /api/inspection-items', 'GET /api/inspection-items/:id', 'POST /api/inspection-items', 'PATCH /api/inspection-items/:id',
  'GET /api/inspectors', 'GET /api/inspectors/:userId', 'PUT /api/inspectors/:userId', 'DELETE /api/inspectors/:userId',
  'GET /api/object-pools', 'POST /api/object-pools', 'GET /api/object-pools/:id',
  'GET /api/inspection-plans', 'POST /api/inspection-plans', 'GET /api/inspection-plan-templates', 'POST /api/inspection-plan-templates/:key/apply',
  'GET /api/inspection-plans/:id', 'GET /api/inspection-plans/:id/preview', 'POST /api/inspection-plans/:id/draws', 'GET /api/inspection-plans/:id/draws',
  'POST /api/draws/:id/reveal', 'POST /api/draws/:id/cancel', 'GET /api/draws/:id', 'GET /api/draws/:id/audit-record',
  'POST /api/enterprise-accounts', 'GET /api/enterprise-accounts', 'POST /api/enterprise-accounts/:userId/disable', 'POST /api/enterprise-accounts/:userId/enable', 'POST /api/enterprise-accounts/:userId/reset-password',
  'GET /api/enterprise-account-requests', 'GET /api/enterprise-account-requests/:id', 'POST /api/enterprise-account-requests/:id/reveal', 'POST /api/enterprise-account-requests/:id/decision',
  'PUT /api/commitment-templates/:kind',
  'POST /api/inspection-tasks', 'GET /api/inspection-tasks/eligible-inspectors', 'POST /api/inspection-tasks/publish',
  'PUT /api/inspection-tasks/:id/answers', 'POST /api/inspection-tasks/:id/submit', 'POST /api/inspection-tasks/:id/complete', 'POST /api/inspection-tasks/:id/photos',
  'DELETE /api/inspection-tasks/:id/photos/:photoId', 'POST /api/inspection-tasks/:id/rectification-orders', 'POST /api/rectification-orders/:id/recheck',
];
for (const key of STAFF_ONLY) RULES[key] = forbidden;
// spotchecks/objections: the enterprise's objection to its own notified sample (another's 404) in spotchecks/objections/objections.api.test.ts; the rest staff's and institutions'.
RULES['POST /api/my/spotchecks/:id/objection'] = { rule: 'elsewhere', test: 'spotchecks/objections/objections.api.test.ts' };
for (const key of [
  'POST /api/spotcheck/samples/:id/objection', 'GET /api/spotcheck/objections', 'GET /api/spotcheck/objections/:id', 'POST /api/spotcheck/objections/:id/decide', 'POST /api/spotcheck/objections/:id/retest',
  'GET /api/spotcheck/followups', 'GET /api/spotcheck/samples/:id/followup', 'POST /api/spotcheck/samples/:id/followup', 'GET /api/spotcheck/samples/:id/followup/order',
]) RULES[key] = forbidden;
// Complaints, handling: staff only (the enterprise has its own /api/my/complaints).
for (const key of ['GET /api/complaints', 'GET /api/complaints/links', 'GET /api/complaints/:id', 'POST /api/complaints/:id/actions', 'POST /api/complaints/:id/acknowledge', 'GET /api/complaints/:id/files/:fileId']) RULES[key] = forbidden;
// Special equipment, periodic inspection: staff only.
for (const key of ['POST /api/equipment/:id/inspections', 'GET /api/equipment-due-rules', 'POST /api/equipment-due-rules', 'PATCH /api/equipment-due-rules/:id', 'DELETE /api/equipment-due-rules/:id', 'GET /api/equipment-stats/overview']) RULES[key] = forbidden;
// Special equipment, registry: staff only.
for (const key of ['POST /api/equipment', 'PATCH /api/equipment/:id', 'POST /api/equipment/:id/transitions', 'POST /api/equipment/import', 'GET /api/equipment/import/template', 'GET /api/equipment/export', 'POST /api/equipment-categories', 'PATCH /api/equipment-categories/:code']) RULES[key] = forbidden;
// Special equipment, operators: staff only (the register of operators, certificates, exams, work-item settings).
for (const key of [
  'POST /api/operator-work-items', 'PATCH /api/operator-work-items/:code', 'GET /api/equipment-operators/export', 'POST /api/equipment-operators', 'PATCH /api/equipment-operators/:id',
  'POST /api/equipment-operators/:id/certificates', 'POST /api/equipment-operators/:id/certificates/:certificateId/renew', 'POST /api/equipment-operators/:id/certificates/:certificateId/reviews', 'POST /api/equipment-operators/:id/certificates/:certificateId/revoke',
  'GET /api/operator-exam-sessions', 'POST /api/operator-exam-sessions', 'GET /api/operator-exam-sessions/:id', 'PATCH /api/operator-exam-sessions/:id', 'GET /api/operator-exam-sessions/:id/candidates', 'POST /api/operator-exam-sessions/:id/candidates',
  'POST /api/operator-exam-sessions/:id/candidates/:candidateId/result', 'GET /api/operator-exam-stats',
]) RULES[key] = forbidden;
// Special equipment, supervision: the 暗访通报 and the county's closing of its hazards are staff only.
for (const key of ['POST /api/equipment-notices', 'GET /api/equipment-notices', 'GET /api/equipment-notices/:id', 'GET /api/equipment-notices/:id/document', 'POST /api/equipment-hazards/:id/county-close']) RULES[key] = forbidden;
// Special equipment, hazards and tiers: staff only (accidents, the rate per county, tier models, recomputing).
for (const key of ['GET /api/equipment-stats/self-correction/by-county', 'POST /api/equipment-accidents', 'GET /api/equipment-accidents', 'GET /api/equipment-accidents/:id', 'GET /api/equipment-tier-models', 'POST /api/equipment-tier-models', 'POST /api/equipment-users/:uscc/tier/recompute']) RULES[key] = forbidden;
// Complaints, routing: topics and categories are staff only; the public form's list is public.
for (const key of ['GET /api/complaint-topics', 'GET /api/complaint-topics/:key', 'PATCH /api/complaint-topics/:key', 'GET /api/complaint-categories', 'GET /api/complaint-categories/:key', 'POST /api/complaint-categories', 'PATCH /api/complaint-categories/:key']) RULES[key] = forbidden;
RULES['GET /api/public/complaint-categories'] = publicRoute;
// Complaints, intake: the public side (no login) and the hotline entry (staff only).
for (const key of ['POST /api/public/complaints', 'GET /api/public/complaints/:trackingNo', 'POST /api/public/complaints/:trackingNo/additions', 'POST /api/public/complaints/:trackingNo/satisfaction']) RULES[key] = publicRoute;
RULES['POST /api/complaints'] = forbidden;
// Complaints, the 12315 transfer import and its template: staff only.
for (const key of ['POST /api/complaints/import', 'GET /api/complaints/import/template']) RULES[key] = forbidden;
// Complaints, rewards and statistics (and the list export): staff only.
for (const key of [
  'GET /api/complaint-reward-rules', 'POST /api/complaint-reward-rules', 'POST /api/complaints/:id/rewards', 'POST /api/complaint-rewards/:id/decision', 'POST /api/complaint-rewards/:id/payment', 'GET /api/complaint-rewards',
  'GET /api/complaint-stats', 'GET /api/complaint-stats/export', 'GET /api/complaints/export',
]) RULES[key] = forbidden;
// Cases, publication (pubex): the public list of penalty decisions is public; the staff list, publishing and removal staff only.
RULES['GET /api/public/penalties'] = publicRoute;
for (const key of ['GET /api/penalty-publications', 'POST /api/cases/:id/publication/publish', 'POST /api/cases/:id/publication/remove']) RULES[key] = forbidden;
// Cases, decision: the discretion table and the case's documents are staff only.
for (const key of ['GET /api/case-discretion-rules', 'GET /api/case-discretion-rules/:key', 'POST /api/case-discretion-rules', 'PUT /api/case-discretion-rules/:key', 'GET /api/cases/:id/documents/:kind']) RULES[key] = forbidden;
// Cases, exchange (pubex): grants, the departments' API (case.exchange, API keys only) and the posted cases are not an enterprise's.
for (const key of ['GET /api/case-exchange-grants', 'PUT /api/case-exchange-grants/:orgId', 'GET /api/exchange/cases', 'POST /api/exchange/cases', 'GET /api/external-cases']) RULES[key] = forbidden;
// Cases, oversight: transfers to the police, joint parties' tasks and supervision are staff only.
for (const key of [
  'GET /api/cases/:id/transfers', 'GET /api/case-transfers/stats', 'POST /api/case-transfers/:id/receipt', 'POST /api/case-transfers/:id/decision', 'POST /api/case-transfers/:id/follow-ups', 'GET /api/case-transfers/:id/package',
  'GET /api/cases/:id/parties', 'POST /api/cases/:id/parties/:partyId/tasks', 'POST /api/case-party-tasks/:id/done', 'GET /api/cases/:id/supervision',
]) RULES[key] = forbidden;
// Cases, lifecycle: staff only (the action route's own permission is case.read, each action's checked by the service).
for (const key of [
  'POST /api/cases', 'GET /api/cases', 'GET /api/cases/by-lead', 'GET /api/cases/:id', 'POST /api/cases/:id/actions', 'GET /api/cases/:id/events', 'GET /api/cases/:id/evidence',
  'POST /api/cases/:id/evidence/:evidenceId/files', 'GET /api/cases/:id/files/:fileId',
]) RULES[key] = forbidden;
// Cases, campaigns and clusters (campclus): staff only.
for (const key of [
  'POST /api/campaigns', 'GET /api/campaigns', 'GET /api/campaigns/:id', 'POST /api/campaigns/:id/draws', 'POST /api/campaigns/:id/status', 'GET /api/campaigns/:id/report.docx', 'GET /api/campaigns/:id/report.xlsx',
  'POST /api/clusters', 'GET /api/clusters', 'GET /api/clusters/:id', 'PATCH /api/clusters/:id', 'DELETE /api/clusters/:id', 'GET /api/clusters/:id/members', 'POST /api/clusters/:id/members', 'DELETE /api/clusters/:id/members/:uscc',
  'GET /api/clusters/:id/overview', 'POST /api/clusters/:id/risk-notices', 'GET /api/clusters/:id/risk-notices', 'GET /api/cluster-risk-notices/:id', 'GET /api/cluster-risk-notices/:id/document',
  'POST /api/cluster-risk-notices/:id/reply', 'POST /api/cluster-risk-notices/:id/follow-ups', 'POST /api/cluster-risk-notices/:id/close', 'POST /api/clusters/:id/measures', 'GET /api/clusters/:id/measures', 'PUT /api/clusters/:id/demonstration',
]) RULES[key] = forbidden;
// The licence exit's investigation is any signed-in user's route, checked in the service (the assigned investigator only).
RULES['POST /api/licence-exits/:id/investigation'] = { rule: 'closed', body: { findings: '企业自行填写', justifiedReason: true } };
// spotchecks/sampling-plan: the GB/T 2828.1 calculator is any signed-in user's (it reads no records).
RULES['GET /api/spotcheck/sampling-plan'] = authenticated;
// spotchecks/catalogue: the product catalogue, its producers, history and links, and an enterprise's products (the enterprise page) are staff only.
for (const key of [
  'GET /api/spotcheck/products', 'POST /api/spotcheck/products', 'GET /api/spotcheck/products/:id', 'PATCH /api/spotcheck/products/:id', 'GET /api/spotcheck/products/:id/history',
  'PUT /api/spotcheck/products/:id/history/:year', 'DELETE /api/spotcheck/products/:id/history/:year', 'GET /api/spotcheck/products/:id/producers', 'POST /api/spotcheck/products/:id/producers',
  'POST /api/spotcheck/products/:id/producers/import', 'DELETE /api/spotcheck/products/:id/producers/:enterpriseId', 'POST /api/spotcheck/products/:id/links', 'DELETE /api/spotcheck/products/:id/links/:linkId',
  'GET /api/spotcheck/enterprises/:enterpriseId/products',
]) RULES[key] = forbidden;
// spotchecks/sampling: draws, samples, files, results, notices and receipts are staff's (and institutions'); the enterprise has /api/my/spotchecks.
for (const key of [
  'POST /api/spotcheck/lots/:id/draws', 'POST /api/spotcheck/draws/:id/reveal', 'GET /api/spotcheck/draws/:id', 'GET /api/spotcheck/samples', 'GET /api/spotcheck/samples/:id',
  'POST /api/spotcheck/samples/:id/assign', 'PUT /api/spotcheck/samples/:id/record', 'POST /api/spotcheck/samples/:id/files', 'GET /api/spotcheck/samples/:id/files/:fileId',
  'POST /api/spotcheck/samples/:id/result', 'POST /api/spotcheck/samples/:id/notify', 'GET /api/spotcheck/samples/:id/notice', 'POST /api/spotcheck/samples/:id/receipt',
]) RULES[key] = forbidden;
RULES['GET /api/my/spotchecks'] = { rule: 'own', usccOf: (i) => i.uscc };
for (const key of ['GET /api/my/spotchecks/:id', 'GET /api/my/spotchecks/:id/notice', 'POST /api/my/spotchecks/:id/receipt']) RULES[key] = { rule: 'elsewhere', test: 'spotchecks/sampling/sampling.api.test.ts' };
RULES['GET /api/my/spotchecks/:id/followup/order'] = { rule: 'elsewhere', test: 'spotchecks/objections/objections.api.test.ts' };
// spotchecks/publication: bulletins, their documents, the candidates and the statistics are staff only; the public results and bulletins public.
for (const key of [
  'GET /api/spotcheck/bulletins', 'POST /api/spotcheck/bulletins', 'GET /api/spotcheck/bulletins/:id', 'PATCH /api/spotcheck/bulletins/:id', 'POST /api/spotcheck/bulletins/:id/publish',
  'POST /api/spotcheck/bulletins/:id/withdraw', 'GET /api/spotcheck/bulletins/:id/document', 'GET /api/spotcheck/final-samples', 'GET /api/spotcheck/stats',
]) RULES[key] = forbidden;
for (const key of ['GET /api/public/spotcheck-results', 'GET /api/public/spotcheck-bulletins', 'GET /api/public/spotcheck-bulletins/:id']) RULES[key] = publicRoute;
// spotchecks/institutions: institutions, their accounts, applications and the choice are staff's and institutions' (permissions no enterprise holds); the published choices public.
for (const key of [
  'GET /api/spotcheck/institutions', 'POST /api/spotcheck/institutions', 'GET /api/spotcheck/institutions/:id', 'PATCH /api/spotcheck/institutions/:id', 'GET /api/spotcheck/institutions/:id/accounts',
  'POST /api/spotcheck/institutions/:id/accounts', 'GET /api/spotcheck/my-institution', 'GET /api/spotcheck/lots/:id/applications', 'POST /api/spotcheck/lots/:id/applications',
  'POST /api/spotcheck/applications/:id/withdraw', 'GET /api/spotcheck/applications', 'POST /api/spotcheck/lots/:id/selection', 'POST /api/spotcheck/lots/:id/selection/reveal',
]) RULES[key] = forbidden;
RULES['GET /api/public/spotcheck-selections'] = publicRoute;
// spotchecks/draws: the public records of the module's draws.
for (const key of ['GET /api/public/spotcheck-draws', 'GET /api/public/spotcheck-draws/:id']) RULES[key] = publicRoute;
// spotchecks/plans: plans, their lines, approval, lots and suggestions are staff's (lots also institutions'): permissions no enterprise holds.
for (const key of [
  'POST /api/spotcheck/plans/generate', 'POST /api/spotcheck/plans', 'GET /api/spotcheck/plans', 'GET /api/spotcheck/plans/:id', 'PATCH /api/spotcheck/plans/:id',
  'PUT /api/spotcheck/plans/:id/lines/:productId', 'DELETE /api/spotcheck/plans/:id/lines/:productId', 'POST /api/spotcheck/plans/:id/approve', 'POST /api/spotcheck/plans/:id/close',
  'GET /api/spotcheck/lots', 'GET /api/spotcheck/lots/:id', 'POST /api/spotcheck/suggestions', 'GET /api/spotcheck/suggestions',
]) RULES[key] = forbidden;
// credit/listings: proposals, notices, decisions and repair decisions are staff's; the public list; the enterprise's own credit (its answers and repair applications tested in credit/listings).
for (const key of [
  'GET /api/credit-listings', 'GET /api/credit-listings/candidates', 'GET /api/credit-listings/:id', 'POST /api/credit-listings', 'POST /api/credit-listings/:id/notice', 'GET /api/credit-listings/:id/notice.docx',
  'POST /api/credit-listings/:id/decide', 'POST /api/credit-listings/:id/revoke', 'GET /api/credit-repairs', 'GET /api/credit-repairs/:id', 'POST /api/credit-repairs/:id/decide',
]) RULES[key] = forbidden;
for (const key of ['GET /api/public/dishonest-list', 'GET /api/public/dishonest-list.csv']) RULES[key] = publicRoute;
RULES['GET /api/my/credit'] = detail(() => '/api/my/credit');
for (const key of ['POST /api/my/credit-listings/:id/answer', 'POST /api/my/credit-listings/:id/repairs']) RULES[key] = { rule: 'elsewhere', test: 'credit/listings/listings.api.test.ts' };
// credit/joint and credit/evaluators: the batch check, the restriction codes and the report-back are departments' and staff's; evaluators and ratings staff's and evaluators' (permissions no enterprise holds).
for (const key of [
  'POST /api/credit/check', 'GET /api/credit/restrictions', 'POST /api/credit/feedback', 'GET /api/credit/feedback',
  'GET /api/credit-evaluators', 'POST /api/credit-evaluators', 'GET /api/credit-evaluators/mine', 'GET /api/credit-evaluators/:id', 'PATCH /api/credit-evaluators/:id',
  'GET /api/credit-evaluators/:id/accounts', 'POST /api/credit-evaluators/:id/accounts', 'POST /api/credit-ratings', 'GET /api/credit-ratings', 'POST /api/credit-ratings/:id/withdraw',
]) RULES[key] = forbidden;

// credit/model and credit/archive: the class, its reasons, overrides and the archive are internal supervision data (never the enterprise's own).
for (const key of [
  'GET /api/credit-models', 'POST /api/credit-models', 'GET /api/credit/:uscc', 'GET /api/credit/:uscc/history', 'POST /api/credit/:uscc/recompute',
  'POST /api/credit/:uscc/override', 'DELETE /api/credit/:uscc/override', 'GET /api/credit/:uscc/archive', 'GET /api/credit/:uscc/archive.docx', 'GET /api/credit/:uscc/archive.pdf',
]) RULES[key] = forbidden;
// portal: the notices' drafting and approval are staff's; the public search, notices and open data are public.
for (const key of [
  'GET /api/portal-notices', 'POST /api/portal-notices', 'GET /api/portal-notices/:id', 'PATCH /api/portal-notices/:id', 'POST /api/portal-notices/:id/submit',
  'POST /api/portal-notices/:id/approve', 'POST /api/portal-notices/:id/return', 'POST /api/portal-notices/:id/withdraw',
]) RULES[key] = forbidden;
for (const key of ['GET /api/public/enterprises', 'GET /api/public/notices', 'GET /api/public/notices/:id', 'GET /api/public/open-data', 'GET /api/public/open-data/:day.csv', 'GET /api/public/site']) RULES[key] = publicRoute;

/** Path parameters for a route that answers before looking anything up (403): any well-formed value. */
const ANY_ID = '00000000-0000-4000-8000-000000000000';
const fillAny = (url: string) => url.replace(/:uscc/g, '91320826MA1XXXXX0X').replace(/:(date)/g, '2026-01-05').replace(/:year/g, '2026').replace(/:[a-zA-Z]+/g, ANY_ID).replace('*', 'x');

const routes = () => env.app.routeTable.filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD').map((r) => ({ key: `${r.method} ${r.url}`, method: r.method, url: r.url, access: r.access }));

let own: Records;
let other: Records;
let account: Client;

beforeAll(async () => {
  own = await recordsOf();
  other = await recordsOf();
  const { user, initialPassword } = await env.services.accounts.create(env.ctx, { uscc: own.uscc, username: `ent.routes.${Date.now()}`, displayName: '企业联系人' });
  const first = await env.login(user.username, initialPassword);
  expect((await first.post('/api/auth/password', { currentPassword: initialPassword, newPassword: PASSWORD })).statusCode).toBe(204);
  account = await env.login(user.username, PASSWORD);
}, 120_000);

const send = (method: string, url: string) => env.app.inject({ method: method as 'GET', url, cookies: { zj_session: account.cookie! }, headers: method === 'GET' ? {} : { 'x-csrf-token': account.csrfToken! } });

describe('an enterprise account against every route', () => {
  it('has a rule for every route (a new route needs one here)', () => {
    const missing = routes().map((r) => r.key).filter((key) => !RULES[key]);
    expect(missing, `routes without a rule in enterprise-routes.api.test.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('gets 403 from every staff-only route, and no route open to it is marked staff-only', async () => {
    for (const route of routes().filter((r) => RULES[r.key]?.rule === 'forbidden')) {
      const res = await send(route.method, fillAny(route.url));
      expect(res.statusCode, `${route.key}: ${res.body.slice(0, 200)}`).toBe(403);
    }
  });

  it('gets 403 or 404 from the routes its access rule lets in but their service closes', async () => {
    for (const route of routes()) {
      const rule = RULES[route.key];
      if (rule?.rule !== 'closed') continue;
      const res = await env.app.inject({ method: route.method as 'POST', url: fillAny(route.url), payload: rule.body, cookies: { zj_session: account.cookie! }, headers: { 'x-csrf-token': account.csrfToken! } });
      expect([403, 404], `${route.key}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
    }
  });

  it('reads its own records (200) and never another enterprise’s (404); lists hold its own rows only', async () => {
    for (const route of routes()) {
      const rule = RULES[route.key];
      if (rule?.rule !== 'own') continue;
      if (rule.url) {
        const mine = await send('GET', rule.url(own));
        expect(mine.statusCode, `${route.key} (own): ${mine.body.slice(0, 200)}`).toBe(200);
        if (route.url.includes(':')) {
          const theirs = await send('GET', rule.url(other));
          expect(theirs.statusCode, `${route.key} (another enterprise's)`).toBe(404);
        }
      }
      if (rule.usccOf) {
        const res = await send('GET', route.url);
        expect(res.statusCode, `${route.key}: ${res.body.slice(0, 200)}`).toBe(200);
        const body = res.json() as { items: Record<string, unknown>[]; total: number };
        for (const item of body.items) {
          const uscc = rule.usccOf(item);
          if (uscc !== undefined) expect(uscc, route.key).toBe(own.uscc);
        }
        if (rule.otherQuery) {
          const filtered = await send('GET', `${route.url}?${rule.otherQuery(other)}`);
          expect(filtered.json(), `${route.key}?${rule.otherQuery(other)}`).toMatchObject({ items: [], total: 0 });
        }
      }
    }
    // The fixtures are there to be seen: the own licence and task are listed.
    expect((await send('GET', '/api/licences')).json().items.map((i: { id: string }) => i.id)).toEqual([own.licenceId]);
    expect((await send('GET', '/api/inspection-tasks')).json().items.map((i: { id: string }) => i.id)).toEqual([own.taskId]);
  });

  it('may act where allowed only on its own records: another enterprise’s answers 404', async () => {
    for (const route of routes()) {
      const rule = RULES[route.key];
      if (rule?.rule !== 'elsewhere' || !rule.other) continue;
      const res = await account.post(rule.other(other), { reportText: '不是本企业的整改', reportedOn: todayInChina() });
      expect(res.statusCode, `${route.key} (another enterprise's): ${res.body.slice(0, 200)}`).toBe(404);
    }
  });

  it('is let through by the access rule of every route it may use (authenticated, own, elsewhere)', async () => {
    for (const route of routes()) {
      const rule = RULES[route.key];
      if (!rule || rule.rule === 'forbidden' || rule.rule === 'public') continue;
      if (route.method !== 'GET') continue; // the writes are tried in their own tests
      const url = rule.rule === 'own' && rule.url ? rule.url(own) : route.url.includes(':') ? null : route.url;
      if (!url) continue;
      const res = await send('GET', url);
      expect(res.statusCode, `${route.key}: ${res.body.slice(0, 200)}`).not.toBe(403);
      expect(res.statusCode, route.key).not.toBe(401);
    }
  });
});
