import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multipart } from '../../test/multipart.js';
import { useTestEnv } from '../../test/app.js';
import { USCC_ALPHABET, completeUscc } from '../../modules/enterprises/index.js';
import type { RouteEntry } from './route-table.js';

/**
 * Issue 11, "Done means": arbitrary requests to every public route and every import route answer
 * 2xx or 4xx — never 5xx — and the process keeps answering. Limits are raised so that requests
 * reach the handlers instead of stopping at 429. Deterministic: a fixed seed per route.
 */
const env = useTestEnv({ publicRateLimit: 1_000_000, loginRateLimit: { perIp: 1_000_000, perUser: 1_000_000 } });

const SEED = 20261111;
const RUNS = 60;

/** Text with the characters that break parsers: NUL, percent signs, quotes, separators, CJK, lone surrogates. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '%', '%00', '%zz', '&', '=', '[', ']', '"', "'", '\\', '/', '..', '\r\n', ' ', '+', '9', 'A', '质', '\uD800', '\u202E', '{', '}'), maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', '0', '-1', '1e20', '1e308', 'NaN', 'Infinity', 'null', 'true', '[]', '{}', '9132082600000000X0', '2026-02-30', 'a'.repeat(5000)),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** encodeURIComponent, with lone surrogates (which it refuses) replaced. */
const encode = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

/** Fills the URL pattern's parameters (`:uscc`, `:id`) with arbitrary text, encoded, or a plausible value. */
const pathFor = (url: string) =>
  fc.tuple(...(url.match(/:[A-Za-z]+/g) ?? []).map(() => fc.oneof(nasty, fc.uuid(), fc.constant('91320826MA1XXXXX0X'))), fc.constant(null)).map(([...values]) => {
    let i = 0;
    return url.replace(/:[A-Za-z]+/g, () => encode(String(values[i++])));
  });

/** A query string: the routes' own keys with any values (repeated too), unknown keys, raw percent signs. */
const knownKey = fc.constantFrom('page', 'pageSize', 'uscc', 'year');
const queryValue = fc.oneof(nasty, fc.integer().map(String), fc.constantFrom('1', '2026', '91320826MA1XXXXX0X'));
const queryString = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(knownKey, queryValue), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc.array(fc.tuple(fc.oneof(knownKey, nasty), queryValue), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc.string({ unit: fc.constantFrom('%', '&', '=', 'a', '0', '[', ']', '.', '%00', '%E6', '+', 'page=', 'year='), maxLength: 30 }),
);

/** A body: JSON of any shape, an object with the login fields of any type, or raw bytes under any content type. */
const body = fc.oneof(
  anyJson.map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' })),
  fc.record({ username: nasty, password: nasty }).map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' })),
  fc.record({ username: fc.oneof(nasty, anyJson), password: fc.oneof(nasty, anyJson) }, { requiredKeys: [] }).map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' })),
  fc.tuple(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png', ';;;')).map(([bytes, contentType]) => ({ payload: Buffer.from(bytes), contentType })),
);

/** Each import's header cells: the required ones, then the optional ones (see docs/API.md). */
const IMPORT_HEADERS: Record<string, { required: string[]; optional: string[] }> = {
  '/api/enterprises/import': { required: ['统一社会信用代码', '企业名称', '行政区划代码'], optional: ['法定代表人', '住所', '登记状态', '成立日期', '行业代码'] },
  '/api/licences/import': { required: ['许可证类型', '证书编号', '统一社会信用代码', '发证日期', '发证机关'], optional: ['许可范围', '有效期至'] },
  '/api/feedback/import': { required: ['统一社会信用代码', '通报部门', '通报类型', '摘要', '发生日期'], optional: ['文号'] },
  '/api/equipment/import': { required: ['设备代码', '设备类别', '使用单位统一社会信用代码', '所在区划', '设备地址', '投入使用日期'], optional: ['使用登记证编号', '设备品种', '制造单位', '型号', '出厂编号', '使用状态', '重点场所类型', '安全状况等级', '上次检验日期', '检验结论', '下次检验日期'] },
  '/api/complaints/import': { required: ['转办编号', '问题描述'], optional: ['类型', '登记日期', '被投诉举报对象', '统一社会信用代码', '特种设备使用登记证编号', '所属区划', '地点', '紧急类别', '投诉举报人姓名', '联系电话', '身份证号', '联系地址'] },
  // spotchecks/catalogue
  '/api/spotcheck/products/:id/producers/import': { required: ['统一社会信用代码'], optional: ['企业名称'] },
};

/** A valid USCC in 320826 (drawn by fast-check, so runs repeat). */
const uscc = fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 8, maxLength: 8 }).map((body) => completeUscc(`91320826${body}`));
const plausible = fc.oneof(uscc, fc.constantFrom('320826', '320830', '2026-01-01', '2020-05-01', '长期', '存续', '其他', '严重违法', '工业产品生产许可证', 'industrial_product', '江苏省市场监督管理局', '淮安某某食品有限公司', '=1+1', "'=1"));

/** A sheet whose header row the import knows (shuffled, an unknown column now and then) and rows of plausible or hostile cells. */
const sheetFor = (url: string) => {
  const { required, optional } = IMPORT_HEADERS[url]!;
  const header = fc.tuple(fc.shuffledSubarray(optional), fc.option(nasty, { nil: undefined, freq: 4 })).chain(([extra, unknown]) => {
    const all = [...required, ...extra, ...(unknown === undefined ? [] : [unknown])];
    return fc.shuffledSubarray(all, { minLength: all.length });
  });
  return fc.tuple(header, fc.array(fc.array(fc.oneof({ arbitrary: plausible, weight: 3 }, { arbitrary: nasty, weight: 1 }), { maxLength: 9 }), { minLength: 1, maxLength: 12 })).map(([h, rows]) => [h, ...rows]);
};

/** `size` pseudo-random bytes from `seed` (xorshift32): megabytes without fast-check generating each byte. */
function noise(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed | 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * An import file: random bytes (now and then megabytes of them: the upload still streams when the
 * parse fails, issue 11 item 1), zip-looking bytes, or a sheet of arbitrary cells as CSV or a real .xlsx.
 */
const fileContent = (url: string) => fc.oneof(
  fc.uint8Array({ maxLength: 65_536 }).map((b) => ({ kind: 'bytes' as const, bytes: Buffer.from(b) })),
  fc.tuple(fc.nat(), fc.integer({ min: 200_000, max: 3_000_000 })).map(([seed, size]) => ({ kind: 'bytes' as const, bytes: noise(seed, size) })),
  fc.uint8Array({ maxLength: 4096 }).map((b) => ({ kind: 'bytes' as const, bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(b)]) })),
  sheetFor(url).map((rows) => ({ kind: 'bytes' as const, bytes: Buffer.from(rows.map((r) => r.join(',')).join('\r\n')) })),
  sheetFor(url).map((rows) => ({ kind: 'xlsx' as const, rows })),
);

/** An import upload: any file, any name (mostly a spreadsheet's), any mode; sometimes cut short. */
const upload = (url: string) => fc.record({
  name: fc.oneof({ arbitrary: fc.constantFrom('x.xlsx', 'x.csv', '企业名录.xlsx', 'X.CSV'), weight: 3 }, { arbitrary: fc.constantFrom('x.xls', 'x', '.xlsx', 'a"b.csv', '..\\..\\x.csv'), weight: 1 }, { arbitrary: nasty, weight: 1 }),
  mode: fc.oneof({ arbitrary: fc.constantFrom('all-or-nothing', 'valid-rows'), weight: 4 }, { arbitrary: nasty, weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 }),
  fileFirst: fc.boolean(),
  content: fileContent(url),
  truncateAt: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.nat(), weight: 1 }),
});

/** The bytes of a generated file; a sheet ExcelJS cannot write (cells XML cannot hold) is sent as its CSV. */
async function bytesOf(content: { kind: 'bytes'; bytes: Buffer } | { kind: 'xlsx'; rows: string[][] }): Promise<Buffer> {
  if (content.kind === 'bytes') return content.bytes;
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Sheet1').addRows(content.rows);
  try {
    return Buffer.from(await workbook.xlsx.writeBuffer());
  } catch {
    return Buffer.from(content.rows.map((r) => r.join(',')).join('\r\n'));
  }
}

async function healthy() {
  const res = await env.app.inject({ url: '/api/health' });
  expect(res.statusCode).toBe(200);
}

const notServerError = (status: number, what: string) => expect(status, what).toBeLessThan(500);

describe('fuzzing every public route', () => {
  it.each(publicRouteNames())('%s answers 2xx or 4xx to arbitrary paths, query strings and bodies', async (name) => {
    const route = publicRoutes().find((r) => `${r.method} ${r.url}` === name)!;
    await fc.assert(
      fc.asyncProperty(pathFor(route.url), queryString, fc.option(body, { nil: undefined }), async (path, query, sent) => {
        const url = query ? `${path}?${query}` : path;
        const res = await env.app.inject({
          method: route.method as 'GET' | 'POST',
          url,
          ...(sent && route.method !== 'GET' ? { payload: sent.payload, headers: { 'content-type': sent.contentType } } : {}),
          remoteAddress: '198.51.100.200',
        });
        notServerError(res.statusCode, `${route.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await healthy();
  });
});

describe('fuzzing every import route', () => {
  it.each(importRouteNames())('%s answers 2xx or 4xx to arbitrary uploads', async (url) => {
    const admin = await env.loginAdmin();
    await fc.assert(
      fc.asyncProperty(upload(url), async ({ name, mode, fileFirst, content: generated, truncateAt }) => {
        const content = await bytesOf(generated);
        const { payload, headers } = multipart({ mode, fileFirst, file: { name: name.replace(/[\r\n]/g, ' '), content } });
        const sent = truncateAt === undefined ? payload : payload.subarray(0, truncateAt % (payload.length + 1));
        const res = await env.app.inject({ method: 'POST', url, payload: sent, headers: { ...headers, 'x-csrf-token': admin.csrfToken! }, cookies: { zj_session: admin.cookie! } });
        notServerError(res.statusCode, `${url} ${JSON.stringify(name)} (${content.length} bytes) → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }),
      { seed: SEED, numRuns: 50 },
    );
    await healthy();
  });
});

function publicRoutes(): RouteEntry[] {
  return (env.app?.routeTable ?? []).filter((r) => r.access === 'public' && r.method !== 'HEAD');
}
function importRoutes(): RouteEntry[] {
  return (env.app?.routeTable ?? []).filter((r) => r.method === 'POST' && r.consumes.includes('multipart/form-data') && r.url.endsWith('/import'));
}

/**
 * Test names must be known when the file is collected, before the app exists: the public and
 * import routes as of this writing. The last test fails when the table holds
 * routes these lists lack, so a new public or import route cannot escape the fuzzing.
 */
function publicRouteNames() {
  return ['GET /api/health', 'POST /api/auth/login', 'GET /api/public/enterprises/:uscc', 'GET /api/public/draws', 'GET /api/public/draws/:id', 'GET /api/public/inspection-results', 'POST /api/public/enterprise-account-requests', 'GET /api/public/enterprise-account-requests/:requestNo', 'GET /api/public/equipment/:registrationNo', 'GET /api/public/complaint-categories', 'GET /open311/v2/services.json', 'POST /open311/v2/requests.json', 'GET /open311/v2/requests/:id.json', 'GET /open311/v2/requests.json', 'POST /api/public/complaints', 'GET /api/public/complaints/:trackingNo', 'POST /api/public/complaints/:trackingNo/additions', 'POST /api/public/complaints/:trackingNo/satisfaction', 'GET /api/public/penalties',
    // spotchecks/publication
    'GET /api/public/spotcheck-results', 'GET /api/public/spotcheck-bulletins', 'GET /api/public/spotcheck-bulletins/:id',
    // spotchecks/institutions
    'GET /api/public/spotcheck-selections',
    // spotchecks/draws
    'GET /api/public/spotcheck-draws', 'GET /api/public/spotcheck-draws/:id',
    // enterprises/public-search, portal/notices, portal/open-data, portal/site
    'GET /api/public/enterprises', 'GET /api/public/notices', 'GET /api/public/notices/:id', 'GET /api/public/open-data', 'GET /api/public/open-data/:day.csv', 'GET /api/public/site',
    // credit/listings
    'GET /api/public/dishonest-list', 'GET /api/public/dishonest-list.csv',
  ];
}
function importRouteNames() {
  return ['/api/enterprises/import', '/api/licences/import', '/api/feedback/import', '/api/equipment/import', '/api/complaints/import',
    // spotchecks/catalogue
    '/api/spotcheck/products/:id/producers/import',
  ];
}

describe('the fuzzed route lists', () => {
  it('cover every public and import route the app registers', () => {
    expect(publicRoutes().map((r) => `${r.method} ${r.url}`).sort()).toEqual([...publicRouteNames()].sort());
    expect(importRoutes().map((r) => r.url).sort()).toEqual([...importRouteNames()].sort());
  });
});
