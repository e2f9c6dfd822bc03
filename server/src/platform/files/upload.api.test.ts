import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../modules/enterprises/testing.js';
import { useTestEnv } from '../../test/app.js';
import { multipart } from '../../test/multipart.js';
import { MAX_ATTACHMENT_BYTES } from '../documents/attachments.js';
import { plainEntries, repeatedZip, sheetXml } from './xlsx/testing.js';

// A small upload limit, so that an oversized upload is quick to send.
const MAX_MB = 8;
const env = useTestEnv({ importMaxBytes: MAX_MB * 1024 * 1024 });

/** Bytes that are no spreadsheet and no text (a fixed pseudo-random sequence). */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (i * 2654435761 + (i >>> 7) * 40503) >>> 24;
  return out;
}

let port = 0;
// One connection, kept alive: the second request of a test goes over the socket of the first.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
beforeAll(async () => {
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  port = (env.app.server.address() as AddressInfo).port;
});
afterAll(() => agent.destroy());

interface Answer {
  status: number;
  body: string;
  /** The client's port of the connection: the same for two requests over the same connection. */
  connection: number;
}

/** A request over the real socket; the body goes out as fast as the server reads it. */
function send(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, agent, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const connection = res.socket.localPort!;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text, connection }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

type Auth = Record<string, string>;
const sessionOf = (c: { cookie?: string; csrfToken?: string }): Auth => ({ cookie: `zj_session=${c.cookie}`, 'x-csrf-token': c.csrfToken! });

function upload(url: string, auth: Auth, file: { name: string; content: Buffer }, mode = 'valid-rows') {
  const { payload, headers } = multipart({ mode, file });
  return send('POST', url, { ...auth, ...headers }, payload);
}

/** The answer's error code, then a plain request over the same connection: it must be served. */
async function thenServed(answer: Answer, auth: Auth) {
  const next = await send('GET', '/api/health', auth);
  expect(next.status).toBe(200);
  expect(next.connection).toBe(answer.connection);
  return [answer.status, JSON.parse(answer.body).error.code];
}

async function countyOfficer() {
  const officer = await env.makeUser({ roles: ['county_officer'], regionCode: '320826' });
  return sessionOf(await env.login(officer.username));
}

async function departmentKey(): Promise<Auth> {
  const admin = await env.loginAdmin();
  const org = await admin.post('/api/orgs', { name: `上传测试部门${Date.now()}`, type: 'department', regionCode: '320800' });
  const key = await admin.post('/api/api-keys', { orgId: org.json().id, name: '通报系统' });
  return { authorization: `Bearer ${key.json().key}` };
}

describe('uploads that fail while they stream', () => {
  it('3 MB of random bytes named x.xlsx: 400 IMPORT_FORMAT for a county officer and for an API key, and the server goes on', async () => {
    const file = { name: 'x.xlsx', content: noise(3 * 1024 * 1024) };
    const officer = await countyOfficer();
    const key = await departmentKey();
    for (let i = 0; i < 3; i++) {
      expect(await thenServed(await upload('/api/enterprises/import', officer, file), officer)).toEqual([400, 'IMPORT_FORMAT']);
      expect(await thenServed(await upload('/api/feedback/import', key, file), key)).toEqual([400, 'IMPORT_FORMAT']);
    }
  });

  it('a file refused at its first line is answered at once; the rest of the body is drained and the connection serves the next request', async () => {
    const officer = await countyOfficer();
    const notCsv = { name: 'x.csv', content: Buffer.from(`这不是表头,也不是\r\n${'a,b,c\r\n'.repeat(1024 * 1024)}`) };
    expect(await thenServed(await upload('/api/enterprises/import', officer, notCsv), officer)).toEqual([400, 'IMPORT_HEADER']);
    const oldExcel = { name: 'x.xls', content: noise(6 * 1024 * 1024) };
    expect(await thenServed(await upload('/api/enterprises/import', officer, oldExcel), officer)).toEqual([400, 'IMPORT_FORMAT']);
    const badMode = { name: 'x.csv', content: noise(6 * 1024 * 1024) };
    expect(await thenServed(await upload('/api/enterprises/import', officer, badMode, 'everything'), officer)).toEqual([400, 'VALIDATION']);
  });

  it('an upload past the size limit: 413 IMPORT_TOO_LARGE as soon as it passes it, and the connection serves the next request', async () => {
    const officer = await countyOfficer();
    // Rows the import refuses one by one (no such USCC) while the file goes on past the limit.
    const rows = '91320826MA00000000,某公司,320826\r\n'.repeat(Math.ceil(((MAX_MB + 4) * 1024 * 1024) / 40));
    const big = { name: 'big.csv', content: Buffer.from(`统一社会信用代码,企业名称,行政区划代码\r\n${rows}`) };
    expect(await thenServed(await upload('/api/enterprises/import', officer, big), officer)).toEqual([413, 'IMPORT_TOO_LARGE']);
    const key = await departmentKey();
    expect(await thenServed(await upload('/api/feedback/import', key, { ...big, name: 'big.xlsx' }), key)).toEqual([413, 'IMPORT_TOO_LARGE']);
  });

  it('an attachment past 20 MB: 413, and the connection serves the next request', async () => {
    const enterprise = await makeEnterprise(env, { regionCode: '320826' });
    const licence = await env.services.licences.create(env.ctx, { uscc: enterprise.uscc, type: 'industrial_product', number: `XK-UP-${Date.now()}`, issuedOn: '2024-03-01', issuer: '江苏省市场监督管理局' });
    const admin = sessionOf(await env.loginAdmin());
    const big = { name: 'big.pdf', content: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_ATTACHMENT_BYTES + 4 * 1024 * 1024)]) };
    const { payload, headers } = multipart({ file: big });
    expect(await thenServed(await send('POST', `/api/licences/${licence.id}/documents`, { ...admin, ...headers }, payload), admin)).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
  });
});

describe('zip bombs', () => {
  it('an .xlsx of 60 million shared strings (2 GB of XML in a few MB) is refused with 413 IMPORT_TOO_LARGE in bounded memory, on every import (the time is bench/measure-bombs.ts\'s)', async () => {
    const bomb = repeatedZip([
      ...plainEntries({ sharedStrings: true }),
      { name: 'xl/worksheets/sheet1.xml', content: sheetXml([['<c r="A1" t="s"><v>0</v></c>']]) },
      { name: 'xl/sharedStrings.xml', head: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', block: '<si><t>abcdefghijklmnopq</t></si>'.repeat(30_000), times: 2000, tail: '</sst>' },
    ]);
    const officer = await countyOfficer();
    const key = await departmentKey();
    const admin = sessionOf(await env.loginAdmin());
    const file = { name: 'bomb.xlsx', content: bomb };
    // The process's memory stays far below the bomb's 2 GB. How fast the refusal comes is measured
    // by the bench (issue 11's 5 seconds), never asserted here: a loaded CI machine is no clock.
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 10);
    try {
      expect(await thenServed(await upload('/api/enterprises/import', officer, file), officer)).toEqual([413, 'IMPORT_TOO_LARGE']);
      expect(await thenServed(await upload('/api/feedback/import', key, file), key)).toEqual([413, 'IMPORT_TOO_LARGE']);
      expect(await thenServed(await upload('/api/licences/import', admin, file), admin)).toEqual([413, 'IMPORT_TOO_LARGE']);
    } finally {
      clearInterval(sampler);
    }
    expect(Math.max(rssPeak, process.memoryUsage().rss) - rssBefore).toBeLessThan(256 * 1024 * 1024);
  });
});
