import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { createTestEnv, useTestEnv } from '../../../test/app.js';
import { complaintFiles, complaints } from '../complaints.schema.js';

/**
 * Issue 17, intake over HTTP: public submission as JSON and as multipart (files checked by content,
 * at most 5, nothing stored on refusal), Idempotency-Key, the public page (a wrong code is the same
 * 404 as an unknown number), additions and satisfaction, the flood limit, the reporter's data kept
 * out of every error body, and the hotline entry.
 */
const env = useTestEnv({ publicRateLimit: 1_000_000 });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.4\n%test\n');
const PHONE = '13955556666';
const today = todayInChina();
let ipSeq = 0;
const nextIp = () => `198.51.100.${(++ipSeq % 250) + 1}`;

const body = (extra: Record<string, unknown> = {}) => ({ kind: 'complaint', description: '网购的电暖器使用中冒烟', reporter: { name: '赵六', phone: PHONE }, ...extra });
const submit = (payload: unknown, headers: Record<string, string> = {}, remoteAddress = nextIp()) => env.app.inject({ method: 'POST', url: '/api/public/complaints', payload: payload as object, headers, remoteAddress });
const countRows = async () => (await env.db.select({ n: sql<number>`count(*)::int` }).from(complaints))[0]!.n;
const rowOf = async (trackingNo: string) => (await env.db.select().from(complaints).where(eq(complaints.trackingNo, trackingNo)))[0]!;

interface Part {
  name: string;
  value?: string;
  file?: { name: string; content: Buffer };
}
/** A multipart/form-data body of text fields and files. */
function form(parts: Part[]) {
  const boundary = `----zjc${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), p.file.content, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const postForm = (url: string, parts: Part[], headers: Record<string, string> = {}, remoteAddress = nextIp()) => {
  const f = form(parts);
  return env.app.inject({ method: 'POST', url, payload: f.payload, headers: { ...f.headers, ...headers }, remoteAddress });
};
const textParts = (fields: Record<string, string>): Part[] => Object.entries(fields).map(([name, value]) => ({ name, value }));

describe('POST /api/public/complaints', () => {
  it('takes JSON without a login: 201 with the tracking number and the access code, HTML kept as text', async () => {
    const html = '<script>alert(1)</script>电暖器<b>冒烟</b>';
    const res = await submit(body({ description: html, category: 'product_defect', product: '电暖器' }));
    expect(res.statusCode).toBe(201);
    const { trackingNo, accessCode } = res.json();
    expect(trackingNo).toMatch(/^TS\d{14}$/);
    expect(accessCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(await rowOf(trackingNo)).toMatchObject({ description: html, topic: 'product_quality', category: 'product_defect', product: '电暖器', channel: 'web' });
  });

  it('takes multipart with reporter.* fields or a reporter JSON field, and up to 5 files checked by content', async () => {
    const res = await postForm('/api/public/complaints', [
      ...textParts({ kind: 'complaint', description: '表单提交', 'reporter.name': '孙七', 'reporter.phone': '0517-8345678', occurredOn: addDays(today, -2) }),
      { name: 'files', file: { name: '现场1.png', content: PNG } },
      { name: 'files', file: { name: '凭证.pdf', content: PDF } },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const row = await rowOf(res.json().trackingNo);
    expect(row).toMatchObject({ anonymous: false, reporterNameMasked: '孙*', occurredOn: addDays(today, -2) });
    expect((await env.db.select().from(complaintFiles).where(eq(complaintFiles.complaintId, row.id))).map((f) => f.fileName).sort()).toEqual(['凭证.pdf', '现场1.png']);

    const json = await postForm('/api/public/complaints', [...textParts({ kind: 'report', description: '匿名以外的举报', reporter: JSON.stringify({ name: '周八', phone: PHONE }) }), ...Array.from({ length: 5 }, (_, i) => ({ name: 'files', file: { name: `p${i}.png`, content: PNG } }))]);
    expect(json.statusCode, json.body).toBe(201);
    expect(await rowOf(json.json().trackingNo)).toMatchObject({ kind: 'report', reporterNameMasked: '周*' });

    const both = await postForm('/api/public/complaints', textParts({ kind: 'report', description: 'x', reporter: JSON.stringify({ name: '周八', phone: PHONE }), 'reporter.name': '周八' }));
    expect(both.statusCode).toBe(400);
    const unknownField = await postForm('/api/public/complaints', textParts({ kind: 'report', description: 'x', secret: 'y' }));
    expect(unknownField.statusCode).toBe(400);
  });

  it('refuses a disguised file, a sixth file and a file over 20 MB with the reason, storing nothing', async () => {
    const before = await countRows();
    const fields = textParts({ kind: 'report', description: '附件被拒' });
    const disguised = await postForm('/api/public/complaints', [...fields, { name: 'files', file: { name: 'photo.png', content: Buffer.from('I am only text pretending to be a picture') } }]);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().error.code).toBe('ATTACHMENT_CONTENT');
    const six = await postForm('/api/public/complaints', [...fields, ...Array.from({ length: 6 }, (_, i) => ({ name: 'files', file: { name: `p${i}.png`, content: PNG } }))]);
    expect(six.statusCode).toBe(400);
    expect(six.json().error.code).toBe('ATTACHMENTS_TOO_MANY');
    const big = await postForm('/api/public/complaints', [...fields, { name: 'files', file: { name: 'big.png', content: Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]) } }]);
    expect(big.statusCode).toBe(400);
    expect(big.json().error.code).toBe('ATTACHMENT_TOO_LARGE');
    const exe = await postForm('/api/public/complaints', [...fields, { name: 'files', file: { name: 'x.exe', content: PNG } }]);
    expect(exe.json().error.code).toBe('ATTACHMENT_TYPE');
    expect(await countRows()).toBe(before);
  });

  it('refuses a complaint without a reporter (REPORTER_REQUIRED), a description over 5,000 characters, a bad phone, NUL; the phone never in an error body', async () => {
    const before = await countRows();
    const noReporter = await submit({ kind: 'complaint', description: '没有留名' });
    expect(noReporter.statusCode).toBe(400);
    expect(noReporter.json().error.code).toBe('REPORTER_REQUIRED');
    const long = await submit(body({ description: '长'.repeat(5001) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ code: 'VALIDATION' });
    expect(long.body).toContain('description');
    const longForm = await postForm('/api/public/complaints', textParts({ kind: 'report', description: '长'.repeat(5001) }));
    expect(longForm.statusCode).toBe(400);
    expect(longForm.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'description' } });
    const nul = await submit(body({ description: 'a\u0000b' }));
    expect(nul.statusCode).toBe(400);

    const badPhone = '1395555666';
    const responses = [
      await submit({ ...body(), reporter: { name: '赵六', phone: badPhone } }),
      await submit(body({ occurredOn: addDays(today, 3) })),
      await submit(body({ extra: 'field' })),
      await submit(body({ subjectUscc: 'NOT-A-USCC' })),
      await submit({ ...body(), reporter: { name: '赵六', phone: PHONE, idNumber: '320826199001011230' } }),
      await postForm('/api/public/complaints', textParts({ kind: 'complaint', description: '表单', 'reporter.name': '赵六', 'reporter.phone': PHONE, regionCode: 'abc' })),
      await postForm('/api/public/complaints', textParts({ kind: 'complaint', description: '表单', 'reporter.name': '赵六', 'reporter.phone': badPhone })),
    ];
    for (const res of responses) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).not.toContain(PHONE);
      expect(res.body).not.toContain(badPhone);
      expect(res.body).not.toContain('320826199001011230');
      expect(res.body).not.toContain('赵六');
    }
    expect(responses[0]!.json().error.details).toEqual({ field: 'reporter.phone' });
    expect(await countRows()).toBe(before);
  });

  it('Idempotency-Key: the same body answers the first answer again (201, nothing created); another body 422', async () => {
    const ip = nextIp();
    const headers = { 'idempotency-key': `k-${Date.now()}` };
    const first = await submit(body(), headers, ip);
    expect(first.statusCode).toBe(201);
    const before = await countRows();
    const again = await submit(body(), headers, ip);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await countRows()).toBe(before);
    const other = await submit(body({ description: '换了内容' }), headers, ip);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_MISMATCH');
    // Multipart with the same key and the same files replays too.
    const parts = [...textParts({ kind: 'report', description: '表单幂等' }), { name: 'files', file: { name: 'a.png', content: PNG } }];
    const formHeaders = { 'idempotency-key': `f-${Date.now()}` };
    const f1 = await postForm('/api/public/complaints', parts, formHeaders, ip);
    const f2 = await postForm('/api/public/complaints', parts, formHeaders, ip);
    expect(f1.statusCode).toBe(201);
    expect(f2.json()).toEqual(f1.json());
    const tooLong = await submit(body(), { 'idempotency-key': 'k'.repeat(201) }, ip);
    expect(tooLong.statusCode).toBe(400);
  });
});

describe('the public page, additions and satisfaction', () => {
  it('GET with the code shows the item; a wrong or missing code answers exactly like an unknown number', async () => {
    const { trackingNo, accessCode } = (await submit(body())).json();
    const ok = await env.app.inject({ url: `/api/public/complaints/${trackingNo}?code=${accessCode}`, remoteAddress: nextIp() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ trackingNo, kind: 'complaint', status: 'received', publicResult: null, satisfaction: null, canAddInformation: true, canRate: false });
    expect(ok.body).not.toContain(PHONE);
    expect(ok.body).not.toContain('赵');
    const wrong = await env.app.inject({ url: `/api/public/complaints/${trackingNo}?code=ABCDEFGHJK`, remoteAddress: nextIp() });
    const missing = await env.app.inject({ url: `/api/public/complaints/${trackingNo}`, remoteAddress: nextIp() });
    const unknown = await env.app.inject({ url: `/api/public/complaints/TS20200101000001?code=${accessCode}`, remoteAddress: nextIp() });
    const garbage = await env.app.inject({ url: `/api/public/complaints/%3Cscript%3E?code=x`, remoteAddress: nextIp() });
    for (const res of [wrong, missing, garbage]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
    }
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });

  it('additions while open (JSON and multipart); after closing 409; satisfaction once after closing', async () => {
    const { trackingNo, accessCode } = (await submit(body())).json();
    const url = (what: string, code = accessCode) => `/api/public/complaints/${trackingNo}/${what}?code=${code}`;
    const add = await env.app.inject({ method: 'POST', url: url('additions'), payload: { text: '补充说明<i>一</i>' }, remoteAddress: nextIp() });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json().timeline.map((e: { kind: string }) => e.kind)).toContain('addition');
    const addForm = await postForm(url('additions'), [{ name: 'text', value: '再补充' }, { name: 'files', file: { name: 'more.pdf', content: PDF } }]);
    expect(addForm.statusCode, addForm.body).toBe(201);
    const wrongCode = await env.app.inject({ method: 'POST', url: url('additions', 'ZZZZZZZZZZ'), payload: { text: '猜' }, remoteAddress: nextIp() });
    expect(wrongCode.statusCode).toBe(404);
    const early = await env.app.inject({ method: 'POST', url: url('satisfaction'), payload: { satisfied: true }, remoteAddress: nextIp() });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('INVALID_TRANSITION');

    await env.db.update(complaints).set({ status: 'closed', publicResult: '已责令商家退货退款' }).where(eq(complaints.trackingNo, trackingNo));
    const late = await env.app.inject({ method: 'POST', url: url('additions'), payload: { text: '晚了' }, remoteAddress: nextIp() });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('INVALID_TRANSITION');
    const rate = await env.app.inject({ method: 'POST', url: url('satisfaction'), payload: { satisfied: true, comment: '<b>满意</b>' }, remoteAddress: nextIp() });
    expect(rate.statusCode, rate.body).toBe(200);
    expect(rate.json()).toMatchObject({ publicResult: '已责令商家退货退款', satisfaction: { satisfied: true, comment: '<b>满意</b>' }, canRate: false });
    const twice = await env.app.inject({ method: 'POST', url: url('satisfaction'), payload: { satisfied: false }, remoteAddress: nextIp() });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ALREADY_RATED');
  });
});

describe('a flood from one client', () => {
  it('is refused with 429: submissions on their own stricter budget, page reads on the public limit', async () => {
    const limited = await createTestEnv({ publicRateLimit: 12 }, env.database);
    try {
      const ip = '203.0.113.99';
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { kind: 'suggestion', description: `建议${i}` }, remoteAddress: ip })).statusCode);
      // 12 a minute → 2 submissions a minute.
      expect(codes).toEqual([201, 201, 429]);
      const reads: number[] = [];
      for (let i = 0; i < 11; i++) reads.push((await limited.app.inject({ url: '/api/public/complaints/TS20200101000001?code=X', remoteAddress: ip })).statusCode);
      // 3 submissions + 9 reads use the 12 of the public limit.
      expect(reads.slice(0, 9).every((c) => c === 404)).toBe(true);
      expect(reads.slice(9)).toEqual([429, 429]);
      const other = await limited.app.inject({ url: '/api/public/complaints/TS20200101000001?code=X', remoteAddress: '203.0.113.100' });
      expect(other.statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });
});

describe('POST /api/complaints (hotline entry)', () => {
  it('a hotline operator enters a call; the channel reference is unique per channel; staff without complaint.intake are refused', async () => {
    const operator = await env.login((await env.makeUser({ roles: ['hotline_operator'] })).username);
    const ref = `ZJ12315-${Date.now()}`;
    const res = await operator.post('/api/complaints', { ...body(), channel: 'transfer_12315', channelRef: ref, receivedOn: addDays(today, -1) });
    expect(res.statusCode, res.body).toBe(201);
    const { id, trackingNo, accessCode } = res.json();
    expect(await rowOf(trackingNo)).toMatchObject({ id, channel: 'transfer_12315', channelRef: ref, receivedOn: addDays(today, -1) });
    expect(accessCode).toHaveLength(10);
    const dup = await operator.post('/api/complaints', { ...body(), channel: 'transfer_12315', channelRef: ref });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_TRANSFER');
    const web = await operator.post('/api/complaints', { ...body(), channel: 'web' });
    expect(web.statusCode).toBe(400);
    const f = form([...textParts({ kind: 'report', description: '来信举报', channel: 'letter' }), { name: 'files', file: { name: 'letter.pdf', content: PDF } }]);
    const multipart = await env.app.inject({ method: 'POST', url: '/api/complaints', payload: f.payload, headers: { ...f.headers, 'x-csrf-token': operator.csrfToken! }, cookies: { zj_session: operator.cookie! } });
    expect(multipart.statusCode, multipart.body).toBe(201);
    expect(await rowOf(multipart.json().trackingNo)).toMatchObject({ channel: 'letter', anonymous: true });

    const sectionHead = await env.login((await env.makeUser({ roles: ['section_head'] })).username);
    expect((await sectionHead.post('/api/complaints', { ...body(), channel: 'phone' })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'POST', url: '/api/complaints', payload: { ...body(), channel: 'phone' } })).statusCode).toBe(401);
  });
});
