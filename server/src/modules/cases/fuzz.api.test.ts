import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/sql.js';
import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { useTestEnv } from '../../test/app.js';
import { multipart } from '../../test/multipart.js';
import { makeEnterprise } from '../enterprises/testing.js';
import { CASE_ACTIONS } from './cases.schema.js';
import { makeCase } from './testing.js';

/**
 * Issue 18, as an attacker: every staff route of the cases module (cases, actions, evidence,
 * oversight, publication, discretion table, exchange, campaigns, clusters) answers arbitrary ids,
 * query strings, bodies and If-Match headers with 2xx or a 4xx in the documented error shape
 * `{ error: { code, message } }` — never 5xx. The ids are real ones (this county's, another
 * county's), random UUIDs and hostile text; the bodies are arbitrary JSON and action bodies whose
 * fields hold plausible or hostile values. Deterministic: a fixed seed per route.
 */
const env = useTestEnv();
const SEED = 20261818;
const RUNS = 25;
type Client = Awaited<ReturnType<typeof env.login>>;

const MODULE = /^\/api\/(cases|case-|campaigns|clusters|cluster-|penalty-publications|exchange\/|external-cases)/;
const today = todayInChina();

let clients: { name: string; client: Client }[] = [];
/** Real ids by kind, filled in beforeAll. */
const ids: string[] = [];
/** The cases (every stage reached by the fixtures and the fuzzing itself). */
const caseIds: string[] = [];
/** Ids of 涟水 (320826) records the 盱眙 (320830) officer has no business seeing. */
const lianshuiIds: string[] = [];
const userIds: string[] = [];

async function login(roles: string[], regionCode: string) {
  const user = await env.makeUser({ roles, regionCode });
  return { user, client: await env.login(user.username) };
}

beforeAll(async () => {
  const a = await login(['county_officer'], '320826');
  const b = await login(['inspector'], '320826');
  const head = await login(['section_head'], '320800');
  const other = await login(['county_officer'], '320830');
  const reviewer = await login(['legal_reviewer'], '320800');
  clients = [
    { name: 'county officer', client: a.client },
    { name: 'city section head', client: head.client },
    { name: 'another county', client: other.client },
    { name: 'legal reviewer', client: reviewer.client },
  ];
  userIds.push(a.user.id, b.user.id, head.user.id, other.user.id);
  const two = [a.user.id, b.user.id];
  const e = await makeEnterprise(env, { regionCode: '320826' });

  // One case per stage (written straight), and live objects made through the API.
  const opened = { openedOn: today, openedByName: '测试科长', investigatorIds: two, investigatorNames: ['执法甲', '执法乙'], decisionDueOn: addDays(today, 90) };
  const lead = await makeCase(env, { uscc: e.uscc, enterpriseId: e.id });
  const inv = await makeCase(env, { stage: 'investigating', ...opened });
  const decidedFacts = { ...opened, decidedOn: today, decidedByName: '钱审批', penalties: [{ type: 'fine' as const, amount: 5000 }], penaltyText: '罚款人民币5000元', violation: '销售不合格产品', legalBasis: '产品质量法第五十条', amountDue: '5000' };
  const decided = await makeCase(env, { stage: 'decided', documentNo: `淮市监罚〔2026〕${Date.now() % 100000}号`, ...decidedFacts });
  await inTransaction(env.db, (tx) => env.services.cases.publication.schedule(tx, env.ctx, decided));
  const notified = await makeCase(env, { stage: 'notified', notifiedOn: today, defenceDueOn: addDays(today, 7), intendedPenalty: { penalties: [{ type: 'fine', amount: 5000 }], wording: '拟处罚款人民币5000元', violation: '销售不合格产品', legalBasis: '产品质量法第五十条', discretionRuleKey: null, discretionLevel: null }, ...opened });
  const xuyiCase = await makeCase(env, { regionCode: '320830' });
  ids.push(lead.id, inv.id, decided.id, notified.id, xuyiCase.id);
  caseIds.push(lead.id, inv.id, decided.id, notified.id, xuyiCase.id);

  const ev = await a.client.post(`/api/cases/${inv.id}/actions`, { action: 'add_evidence', kind: 'document', title: '营业执照复印件', collectedOn: today, officerIds: two });
  expect(ev.statusCode, ev.body).toBe(200);
  const evidence = (await a.client.get(`/api/cases/${inv.id}/evidence`)).json().items[0];
  ids.push(evidence.id);
  const { payload, headers } = multipart({ file: { name: 'a.pdf', content: Buffer.from('%PDF-1.4\n%x\n') } });
  const up = await env.app.inject({ method: 'POST', url: `/api/cases/${inv.id}/evidence/${evidence.id}/files`, payload, headers: { ...headers, 'x-csrf-token': a.client.csrfToken! }, cookies: { zj_session: a.client.cookie! } });
  expect(up.statusCode, up.body).toBe(201);
  ids.push(up.json().items[0].id);

  const transferCase = await makeCase(env, { stage: 'investigating', ...opened });
  const tr = await a.client.post(`/api/cases/${transferCase.id}/actions`, { action: 'transfer', transferredOn: today, receivingOrgan: '涟水县公安局', reason: '涉嫌犯罪' });
  expect(tr.statusCode, tr.body).toBe(200);
  caseIds.push(transferCase.id);
  ids.push(transferCase.id, (await a.client.get(`/api/cases/${transferCase.id}/transfers`)).json().items[0].id);

  const xuyiOrg = await env.orgIn('320830');
  const joint = await makeCase(env);
  expect((await a.client.post(`/api/cases/${joint.id}/actions`, { action: 'add_party', orgId: xuyiOrg.id, role: 'assisting' })).statusCode).toBe(200);
  const party = ((await a.client.get(`/api/cases/${joint.id}/parties`)).json().items as { id: string; orgId: string }[]).find((p) => p.orgId === xuyiOrg.id)!;
  const task = await a.client.post(`/api/cases/${joint.id}/parties/${party.id}/tasks`, { title: '协查' });
  expect(task.statusCode, task.body).toBe(201);
  caseIds.push(joint.id);
  ids.push(joint.id, party.id, task.json().id, xuyiOrg.id);

  const cluster = await head.client.post('/api/clusters', { name: `攻击测试集群${Date.now()}`, regionCode: '320826', memberMode: 'list' });
  expect(cluster.statusCode, cluster.body).toBe(201);
  const notice = await head.client.post(`/api/clusters/${cluster.json().id}/risk-notices`, { government: '涟水县人民政府', problems: [{ title: '问题', detail: '详情', evidence: [] }], recommendations: '建议', replyDueOn: addDays(today, 10) });
  expect(notice.statusCode, notice.body).toBe(201);
  ids.push(cluster.json().id, notice.json().id);
  lianshuiIds.push(lead.id, inv.id, decided.id, notified.id, evidence.id, up.json().items[0].id, transferCase.id, ids[ids.indexOf(transferCase.id) + 1]!, cluster.json().id, notice.json().id);
});

/** Text that breaks parsers. */
const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', '0', '-1', '1e20', 'NaN', 'null', 'true', '[]', '{}', '2026-02-30', '9999-12-31', '0000-01-01', '91320826MA1XXXXX0X', '\u0000', '%', '../..', 'a'.repeat(5000), '质'.repeat(3000)),
);
const encode = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
/** Built lazily: the ids exist only once beforeAll has run. */
const lazy = <T>(make: () => fc.Arbitrary<T>) => fc.constant(0).chain(make);
const idLike = () => fc.oneof({ arbitrary: lazy(() => fc.constantFrom(...ids)), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 }, { arbitrary: nasty, weight: 1 }, { arbitrary: fc.constantFrom('pq_safety_standard', 'filing_approval', 'penalty_decision', 'inquiry_record', '91320826MA1XXXXX0X'), weight: 1 });
const pathFor = (url: string) => fc.tuple(...(url.match(/:[A-Za-z]+/g) ?? []).map(() => idLike()), fc.constant(null)).map(([...values]) => {
  let i = 0;
  return url.replace(/:[A-Za-z]+/g, () => encode(String(values[i++])));
});
const dateLike: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(today, addDays(today, -30), addDays(today, 30), '2026-02-30', '1900-01-01', '9999-12-31', 'today', ''), fc.integer({ min: -400, max: 400 }).map((n) => addDays(today, n)));
const numberLike = fc.oneof(fc.constantFrom(0, -1, 0.001, 1e20, 5000, 1.005, Number.MAX_SAFE_INTEGER), fc.double(), fc.integer());
const penaltyLike = fc.record({ type: fc.oneof(fc.constantFrom('warning', 'criticism', 'fine', 'confiscation_gains', 'confiscation', 'suspension', 'revocation'), nasty), amount: fc.option(numberLike, { nil: undefined }), note: fc.option(nasty, { nil: undefined }), licenceId: fc.option(idLike(), { nil: undefined }) }, { requiredKeys: ['type'] });
/** A plausible (or hostile) value for a field, by its name. */
const valueFor = (key: string): fc.Arbitrary<unknown> => {
  const hostile = fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 }));
  let plausible: fc.Arbitrary<unknown>;
  if (/On$|Date$|^on$|^since$/.test(key)) plausible = dateLike;
  else if (/Ids$/.test(key)) plausible = fc.oneof(lazy(() => fc.constant(userIds.slice(0, 2))), fc.array(fc.oneof(lazy(() => fc.constantFrom(...userIds)), fc.uuid()), { maxLength: 4 }));
  else if (/Id$/.test(key)) plausible = idLike();
  else if (/amount|count|Count|fine/i.test(key)) plausible = numberLike;
  else if (/penalties|intendedPenalty/.test(key)) plausible = fc.array(penaltyLike, { maxLength: 4 });
  else if (/reportDates/.test(key)) plausible = fc.array(dateLike, { maxLength: 30 });
  else if (/hearingRequested|demonstrationZone|active|includeOpen/.test(key)) plausible = fc.boolean();
  else plausible = fc.oneof(nasty, fc.constantFrom('inquiry', 'seizure', 'document', 'approved', 'returned', 'lead', 'decision', 'ordinary', 'lighter', 'pq_safety_standard', 'assisting', 'accepted', 'not_accepted', 'running', 'finished', 'tag', 'list', 'enforcement_advice'));
  return fc.oneof({ arbitrary: plausible, weight: 4 }, { arbitrary: hostile, weight: 1 });
};
const KEYS = ['action', 'investigatorIds', 'officerIds', 'reason', 'kind', 'title', 'description', 'collectedOn', 'place', 'interviewee', 'content', 'measureStartOn', 'measureEndOn', 'result', 'opinion', 'notifiedOn', 'intendedPenalty', 'statement', 'hearingRequested', 'heldOn', 'record', 'decidedOn', 'penalties', 'penaltyText', 'violation', 'legalBasis', 'discretionRuleKey', 'discretionLevel', 'documentNo', 'servedOn', 'method', 'amount', 'paidOn', 'appliedOn', 'court', 'closingSummary', 'closedOn', 'openedOn', 'transferredOn', 'receivingOrgan', 'suspectedCrime', 'reportDates', 'reportId', 'orgId', 'externalName', 'externalRegion', 'role', 'contact', 'note', 'leadSource', 'leadId', 'uscc', 'partyName', 'summary', 'foundOn', 'regionCode', 'campaignId', 'publishedOn', 'applicationDate', 'receiptNo', 'receiptOn', 'decision', 'on', 'dueOn', 'name', 'memberMode', 'tag', 'government', 'issuedOn', 'problems', 'recommendations', 'replyDueOn', 'repliedOn', 'reply', 'takenOn', 'demonstrationZone', 'status', 'fields', 'externalNo', 'levels', 'area'];
const objectBody = fc.dictionary(fc.constantFrom(...KEYS), fc.constant(null), { maxKeys: 8 }).chain((d) => {
  const keys = Object.keys(d);
  return fc.tuple(...keys.map((k) => (k === 'action' ? fc.oneof({ arbitrary: fc.constantFrom(...CASE_ACTIONS), weight: 5 }, { arbitrary: nasty, weight: 1 }) : valueFor(k))), fc.constant(null)).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]])));
});
const actionBody = fc.tuple(fc.constantFrom(...CASE_ACTIONS), objectBody).map(([action, rest]) => ({ ...rest, action }));
const body = fc.oneof(
  { arbitrary: actionBody.map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' })), weight: 3 },
  { arbitrary: objectBody.map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' })), weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' })), weight: 1 },
  { arbitrary: fc.tuple(fc.uint8Array({ maxLength: 512 }), fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded')).map(([b, contentType]) => ({ payload: Buffer.from(b), contentType })), weight: 1 },
);

/** The parts of an OpenAPI schema the generator reads. */
interface JsonSchema {
  type?: string; enum?: unknown[]; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; properties?: Record<string, JsonSchema>; required?: string[];
  items?: JsonSchema; minItems?: number; maxItems?: number; format?: string; pattern?: string; minLength?: number; maxLength?: number;
  minimum?: number; maximum?: number; nullable?: boolean; $ref?: string;
}
/**
 * Bodies shaped by the route's own schema (from the OpenAPI document), so they pass validation and
 * reach the handlers: ids from the real ones, dates around today and impossible ones, numbers at
 * and beyond their bounds, strings of the allowed lengths; now and then one value is hostile.
 */
function fromSchema(schema: JsonSchema, key = '', depth = 0, odds = 12): fc.Arbitrary<unknown> {
  const hostile = fc.oneof(nasty, fc.jsonValue({ maxDepth: 1 }));
  const shaped = ((): fc.Arbitrary<unknown> => {
    if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((s) => fromSchema(s, key, depth, odds)));
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'object': {
        const props = Object.entries(schema.properties ?? {});
        if (depth > 4 || !props.length) return fc.constant({});
        const required = new Set(schema.required ?? []);
        return fc.record(Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, k, depth + 1, odds)])), { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
      }
      case 'array':
        return fc.array(fromSchema(schema.items ?? {}, key, depth + 1, odds), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) });
      case 'integer':
        return fc.oneof(fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 100_000 }), fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 1e9));
      case 'number':
        return fc.oneof(numberLike, fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 1e15, 0.01, 5000));
      case 'boolean':
        return fc.boolean();
      case 'string':
        if (schema.format === 'uuid' || /Ids?$/.test(key)) return /officer|investigator/i.test(key) ? fc.oneof(lazy(() => fc.constantFrom(...userIds)), idLike()) : idLike();
        if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') || schema.format === 'date') return dateLike;
        if (schema.format === 'date-time') return fc.constantFrom(new Date().toISOString(), '2026-01-01T00:00:00Z', '1970-01-01T00:00:00Z');
        if (schema.pattern) return fc.oneof(fc.constantFrom('320826', '320830', '320800', '91320826MA1XXXXX0X', 'AJ2026000001'), fc.stringMatching(new RegExp(schema.pattern)));
        return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
      default:
        return fc.jsonValue({ maxDepth: 1 });
    }
  })();
  const withNull = schema.nullable ? fc.oneof(shaped, fc.constant(null)) : shaped;
  return fc.oneof({ arbitrary: withNull, weight: odds }, { arbitrary: hostile, weight: 1 });
}
function bodySchemaOf(method: string, url: string): JsonSchema | undefined {
  const doc = (env.app as unknown as { swagger(): { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> } }).swagger();
  return doc.paths[url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
}
const bodyFor = (method: string, url: string) => {
  const schema = bodySchemaOf(method, url);
  const json = (a: fc.Arbitrary<unknown>) => a.map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' }));
  return schema ? fc.oneof({ arbitrary: json(fromSchema(schema)), weight: 6 }, { arbitrary: body, weight: 1 }) : body;
};
const ifMatch = fc.option(fc.oneof(fc.constantFrom('"1"', '"2"', '"3"', '"0"', '*', 'W/"1"', '"999999999999"', '""', 'garbage', '"1", "2"')), { nil: undefined });

function moduleRoutes() {
  return (env.app?.routeTable ?? []).filter((r) => MODULE.test(r.url) && r.method !== 'HEAD' && r.access !== 'public');
}

function expectShaped(res: { statusCode: number; body: string; headers: Record<string, unknown> }, what: string) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const parsed = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof parsed.error?.code, `${what}: ${res.body.slice(0, 300)}`).toBe('string');
    expect(typeof parsed.error?.message, `${what}: ${res.body.slice(0, 300)}`).toBe('string');
  }
}

describe('the cases module under attack', () => {
  it('has the routes this test walks', () => {
    expect(moduleRoutes().length).toBeGreaterThan(50);
  });

  it('answers arbitrary requests to every staff route with 2xx or a shaped 4xx, never 5xx', async () => {
    for (const route of moduleRoutes()) {
      for (const { name, client } of clients) {
        await fc.assert(
          fc.asyncProperty(pathFor(route.url), fc.array(fc.tuple(fc.oneof(fc.constantFrom(...route.query, 'page', 'pageSize'), nasty), fc.oneof(nasty, fc.constantFrom('true', 'false', '1', '100', '101', '0', '2026', '320826', '32', 'lead', 'decided'), dateLike.map(String))), { maxLength: 4 }), fc.option(bodyFor(route.method, route.url), { nil: undefined, freq: 8 }), ifMatch, async (path, query, sent, tag) => {
            const qs = new URLSearchParams(query).toString();
            const url = qs ? `${path}?${qs}` : path;
            const headers: Record<string, string> = { 'x-csrf-token': client.csrfToken!, ...(tag ? { 'if-match': tag } : {}) };
            const res = await env.app.inject({
              method: route.method as 'GET',
              url,
              cookies: { zj_session: client.cookie! },
              ...(sent && route.method !== 'GET' ? { payload: sent.payload, headers: { ...headers, 'content-type': sent.contentType } } : { headers }),
            });
            expectShaped(res, `${name}: ${route.method} ${url} ${sent ? String(sent.payload).slice(0, 300) : ''}`);
          }),
          { seed: SEED, numRuns: RUNS },
        );
      }
    }
    expect((await env.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  }, 900_000);


  it('runs schema-shaped actions on real cases of every stage: 2xx or a shaped 4xx, never 5xx', async () => {
    const schema = bodySchemaOf('POST', '/api/cases/:id/actions')!;
    expect(schema.anyOf?.length).toBe(CASE_ACTIONS.length);
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(lazy(() => fc.constantFrom(...caseIds)), fc.constantFrom(...clients), fromSchema(schema, '', 0, 40), ifMatch, async (id, { name, client }, sent, tag) => {
        const res = await client.post(`/api/cases/${id}/actions`, sent, tag ? { 'if-match': tag } : {});
        seen.add(res.statusCode);
        expectShaped(res, `${name}: POST /api/cases/${id}/actions ${JSON.stringify(sent).slice(0, 400)}`);
      }),
      { seed: SEED, numRuns: 600 },
    );
    // The bodies reach the handlers: some succeed, some are refused by the rules (409) or the permissions (403).
    expect([...seen]).toEqual(expect.arrayContaining([200, 403, 409]));
  }, 900_000);


  it('gives another county 404 (or 403) on every read of this county’s records, never the record', async () => {
    const other = clients.find((c) => c.name === 'another county')!.client;
    const reads = moduleRoutes().filter((r) => r.method === 'GET' && r.url.includes('/:'));
    expect(reads.length).toBeGreaterThan(15);
    for (const route of reads) {
      for (const id of lianshuiIds) {
        const url = route.url.replace(':kind', 'filing_approval').replace(/:[A-Za-z]+/g, id);
        const res = await other.get(url);
        expect([403, 404], `${url} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expectShaped(res, url);
      }
    }
  });

  it('refuses a huge body with 413 in the error shape', async () => {
    const client = clients[0]!.client;
    const huge = JSON.stringify({ action: 'decline', reason: 'x'.repeat(3_000_000) });
    const res = await client.post(`/api/cases/${ids[0]}/actions`, huge, { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(413);
    expectShaped(res, 'huge body');
    const long = await client.post(`/api/cases/${ids[0]}/actions`, { action: 'decline', reason: 'x'.repeat(100_000) });
    expectShaped(long, 'long reason');
    expect(long.statusCode).toBe(400);
  });
});
