import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { loadSecretKey } from '../../../platform/secrets/secret-key.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeEnterprise } from '../../enterprises/testing.js';
import { idCheckChar } from '../../../platform/validation/id-number.js';
import { complaintDeadlines, complaintEvents, complaintFiles, complaints } from '../complaints.schema.js';
import { makeComplaint } from '../testing.js';
import { complaintRewards } from '../rewards/rewards.schema.js';
import { ACCESS_CODE_ALPHABET, keyedHash } from './codes.js';
import { ageEntry, idempotencyKeyHash } from './idempotency.js';
import { complaintIdempotency } from './idempotency.schema.js';
import type { SubmissionInput } from './intake.service.js';
import { openReporter } from './reporter.js';

/**
 * Issue 17, intake without HTTP: public submission (checks, idempotency, files, the sealed
 * reporter), hotline entry, the public page, additions and satisfaction.
 */
const env = useServiceEnv();
const intake = () => env.services.complaints.intake;
const ctx = { actor: null, ip: '203.0.113.7' };
const today = todayInChina();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.4\n%test\n');
const PHONE = '13912345678';
const reporter = { name: '王小明', phone: PHONE };

let keySeq = 0;
const newKey = () => `key-${Date.now()}-${++keySeq}`;
const complaint = (extra: Partial<SubmissionInput> = {}): SubmissionInput => ({ kind: 'complaint', description: '购买的电热水壶漏电', reporter, ...extra });
const countRows = async () => (await env.db.select({ n: sql<number>`count(*)::int` }).from(complaints))[0]!.n;
const rowOf = async (trackingNo: string) => (await env.db.select().from(complaints).where(eq(complaints.trackingNo, trackingNo)))[0]!;
/** The error a call fails with (the test fails when it succeeds). */
async function failure(p: Promise<unknown>): Promise<Error & { code?: string; details?: unknown }> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: Error) => err,
  );
}
const idNumber = (body17: string) => body17 + idCheckChar(body17);

async function staffActor(roles: string[], regionCode = '320800'): Promise<Actor> {
  const user = await env.makeUser({ roles, regionCode });
  return (await env.services.users.loadActor(user.id))! as Actor;
}

describe('public submission', () => {
  it('numbers the item TS + China date + 6 digits, gives a 10-character code stored only as its keyed hash, starts the complaint clock and audits without reporter data', async () => {
    const a = await intake().submitPublic(ctx, complaint(), [], { channel: 'web' });
    expect(a.trackingNo).toMatch(new RegExp(`^TS${today.replaceAll('-', '')}\\d{6}$`));
    expect(a.accessCode).toHaveLength(10);
    expect([...a.accessCode].every((c) => ACCESS_CODE_ALPHABET.includes(c))).toBe(true);
    expect(a).toMatchObject({ open311Token: null, replayed: false });
    const row = await rowOf(a.trackingNo);
    expect(row.accessCodeHash).toBe(keyedHash(hashKeyOf(), 'access-code', a.accessCode));
    expect(row.accessCodeHash).not.toContain(a.accessCode);
    expect(row).toMatchObject({ kind: 'complaint', channel: 'web', status: 'received', anonymous: false, reporterNameMasked: '王**', reporterPhoneMasked: '139****5678', receivedOn: today });
    const clocks = await env.db.select().from(complaintDeadlines).where(eq(complaintDeadlines.complaintId, row.id));
    expect(clocks.map((c) => c.kind)).toEqual(['accept']);
    expect(clocks[0]!.startedOn).toBe(today);
    const { items } = await env.services.audit.list(env.db, env.admin, { action: 'complaint.received', target: row.id }, { page: 1, pageSize: 5 });
    expect(items).toHaveLength(1);
    expect(items[0]!.after).toEqual({ trackingNo: a.trackingNo, kind: 'complaint', channel: 'web', topic: row.topic, regionCode: row.regionCode, anonymous: false });
    expect(JSON.stringify(items[0])).not.toContain(PHONE);
    expect(JSON.stringify(items[0])).not.toContain('王小明');
  });

  it('starts a report verify clock, may be anonymous; enquiries have no clock', async () => {
    const report = await intake().submitPublic(ctx, { kind: 'report', description: '某电梯长期未年检' }, [], { channel: 'web' });
    const row = await rowOf(report.trackingNo);
    expect(row).toMatchObject({ anonymous: true, reporterNameSealed: null, reporterPhoneMasked: null });
    expect((await env.db.select().from(complaintDeadlines).where(eq(complaintDeadlines.complaintId, row.id))).map((c) => c.kind)).toEqual(['verify']);
    const enquiry = await intake().submitPublic(ctx, { kind: 'enquiry', description: '电梯年检周期是多久？' }, [], { channel: 'web' });
    expect(await env.db.select().from(complaintDeadlines).where(eq(complaintDeadlines.complaintId, (await rowOf(enquiry.trackingNo)).id))).toEqual([]);
  });

  it('routes by the subject enterprise (an unknown but valid USCC is kept) and takes the subject lower-case USCC normalised', async () => {
    const e = await makeEnterprise(env, { regionCode: '320812' });
    const a = await intake().submitPublic(ctx, complaint({ subjectUscc: ` ${e.uscc.toLowerCase()} ` }), [], { channel: 'web' });
    expect(await rowOf(a.trackingNo)).toMatchObject({ subjectUscc: e.uscc, subjectEnterpriseId: e.id, regionCode: '320812' });
    const bad = await intake().submitPublic(ctx, complaint({ subjectUscc: '91320826MA00000000' }), [], { channel: 'web' }).catch((err: unknown) => err);
    expect(bad).toMatchObject({ status: 400, details: { field: 'subjectUscc' } });
  });

  it('refuses a complaint without a reporter (REPORTER_REQUIRED), a description of 5001 characters, a bad phone, ID number, date or kind — naming the field, never the value', async () => {
    const before = await countRows();
    await expect(intake().submitPublic(ctx, { kind: 'complaint', description: '无人署名' }, [], { channel: 'web' })).rejects.toMatchObject({ code: 'REPORTER_REQUIRED', status: 400 });
    await expect(intake().submitPublic(ctx, complaint({ description: '长'.repeat(5001) }), [], { channel: 'web' })).rejects.toMatchObject({ code: 'VALIDATION', status: 400, details: { field: 'description' } });
    await expect(intake().submitPublic(ctx, complaint({ description: '   ' }), [], { channel: 'web' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'description' } });
    await expect(intake().submitPublic(ctx, complaint({ description: 'a\u0000b' }), [], { channel: 'web' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'description' } });
    const phoneErr = await failure(intake().submitPublic(ctx, complaint({ reporter: { name: '王小明', phone: '1391234567' } }), [], { channel: 'web' }));
    expect(phoneErr).toMatchObject({ code: 'VALIDATION', status: 400, details: { field: 'reporter.phone' } });
    expect(JSON.stringify({ m: phoneErr.message, d: phoneErr.details })).not.toContain('1391234567');
    const badId = '320826199001011230';
    const idErr = await failure(intake().submitPublic(ctx, complaint({ reporter: { ...reporter, idNumber: badId } }), [], { channel: 'web' }));
    expect(idErr).toMatchObject({ status: 400, details: { field: 'reporter.idNumber' } });
    expect((idErr as Error).message).not.toContain(badId);
    await expect(intake().submitPublic(ctx, complaint({ reporter: { name: '', phone: PHONE } }), [], { channel: 'web' })).rejects.toMatchObject({ details: { field: 'reporter.name' } });
    await expect(intake().submitPublic(ctx, complaint({ reporter: { ...reporter, address: '路'.repeat(201) } }), [], { channel: 'web' })).rejects.toMatchObject({ details: { field: 'reporter.address' } });
    await expect(intake().submitPublic(ctx, complaint({ occurredOn: addDays(today, 1) }), [], { channel: 'web' })).rejects.toMatchObject({ code: 'INVALID_DATE', details: { field: 'occurredOn' } });
    await expect(intake().submitPublic(ctx, { ...complaint(), kind: 'praise' as never }, [], { channel: 'web' })).rejects.toMatchObject({ details: { field: 'kind' } });
    await expect(intake().submitPublic(ctx, complaint({ topic: 'nonsense' }), [], { channel: 'web' })).rejects.toMatchObject({ status: 400, details: { field: 'topic' } });
    expect(await countRows()).toBe(before);
  });

  it('takes landlines, a valid ID number, an address and an e-mail; all sealed, readable only through openReporter', async () => {
    const id = idNumber('32082619900101123');
    const a = await intake().submitPublic(ctx, complaint({ reporter: { name: '李四', phone: '0517-83456789', idNumber: id.toLowerCase(), address: '淮安市清江浦区某路1号', email: 'li@example.cn' } }), [], { channel: 'web' });
    const row = await rowOf(a.trackingNo);
    expect(openReporter(env.services.personal, row)).toEqual({ name: '李四', phone: '0517-83456789', idNumber: id.toUpperCase(), address: '淮安市清江浦区某路1号', email: 'li@example.cn' });
  });

  it('keeps HTML and script as typed text', async () => {
    const html = '<script>alert("x")</script><b onclick="evil()">粗体</b> & "引号"';
    const a = await intake().submitPublic(ctx, { kind: 'suggestion', description: html, place: '<img src=x onerror=alert(1)>' }, [], { channel: 'web' });
    expect(await rowOf(a.trackingNo)).toMatchObject({ description: html, place: '<img src=x onerror=alert(1)>' });
  });

  it('the raw row holds no readable phone number, name or ID number in any column', async () => {
    const phone = '13787654321';
    const id = idNumber('32080219850615432');
    const a = await intake().submitPublic(ctx, complaint({ reporter: { name: '欧阳娜娜', phone, idNumber: id, address: '淮安市淮阴区幸福路88号', email: 'ouyang@example.cn' } }), [], { channel: 'web' });
    const { rows } = (await env.db.execute(sql`select * from complaints where tracking_no = ${a.trackingNo}`)) as unknown as { rows: Record<string, unknown>[] };
    expect(rows).toHaveLength(1);
    const text = Object.values(rows[0]!).map((v) => (v instanceof Date ? v.toISOString() : String(v))).join('\n');
    expect(text).not.toContain(phone);
    expect(text).not.toContain(phone.slice(3, 7) + phone.slice(7));
    expect(text).not.toContain(id);
    expect(text).not.toContain('欧阳娜娜');
    expect(text).not.toContain('幸福路');
    expect(text).not.toContain('ouyang');
    expect(text).not.toContain(a.accessCode);
    expect(rows[0]!.reporter_phone_masked).toBe('137****4321');
  });

  it('stores checked files (source reporter) with the item; a disguised file, a wrong type or a sixth file store nothing', async () => {
    const a = await intake().submitPublic(ctx, complaint(), [{ fileName: '现场.png', content: PNG }, { fileName: '发票.pdf', content: PDF }], { channel: 'web' });
    const row = await rowOf(a.trackingNo);
    const files = await env.db.select().from(complaintFiles).where(eq(complaintFiles.complaintId, row.id));
    expect(files.map((f) => [f.fileName, f.contentType, f.source, f.size])).toEqual(expect.arrayContaining([['现场.png', 'image/png', 'reporter', PNG.length], ['发票.pdf', 'application/pdf', 'reporter', PDF.length]]));
    const before = await countRows();
    await expect(intake().submitPublic(ctx, complaint(), [{ fileName: 'photo.png', content: Buffer.from('just text, not a picture') }], { channel: 'web' })).rejects.toMatchObject({ code: 'ATTACHMENT_CONTENT', status: 400 });
    await expect(intake().submitPublic(ctx, complaint(), [{ fileName: 'run.exe', content: PNG }], { channel: 'web' })).rejects.toMatchObject({ code: 'ATTACHMENT_TYPE', status: 400 });
    await expect(intake().submitPublic(ctx, complaint(), Array.from({ length: 6 }, (_, i) => ({ fileName: `p${i}.png`, content: PNG })), { channel: 'web' })).rejects.toMatchObject({ code: 'ATTACHMENTS_TOO_MANY', status: 400 });
    expect(await countRows()).toBe(before);
  });
});

describe('idempotent submission', () => {
  it('the same key and body answer the first answer again and create nothing; another body is 422 IDEMPOTENCY_MISMATCH', async () => {
    const key = newKey();
    const idem = { client: '198.51.100.1', key };
    const first = await intake().submitPublic(ctx, complaint(), [{ fileName: 'a.png', content: PNG }], { channel: 'web', idempotency: idem });
    const before = await countRows();
    const again = await intake().submitPublic(ctx, { reporter, description: '购买的电热水壶漏电', kind: 'complaint' }, [{ fileName: 'a.png', content: PNG }], { channel: 'web', idempotency: idem });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await countRows()).toBe(before);
    await expect(intake().submitPublic(ctx, complaint({ description: '另一件事' }), [{ fileName: 'a.png', content: PNG }], { channel: 'web', idempotency: idem })).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH', status: 422 });
    await expect(intake().submitPublic(ctx, complaint(), [], { channel: 'web', idempotency: idem })).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    // The same key from another client is another key.
    const other = await intake().submitPublic(ctx, complaint(), [{ fileName: 'a.png', content: PNG }], { channel: 'web', idempotency: { client: '198.51.100.2', key } });
    expect(other.trackingNo).not.toBe(first.trackingNo);
    expect(await countRows()).toBe(before + 1);
    // The table holds neither the key nor the access code in clear.
    const stored = await env.db.select().from(complaintIdempotency).where(eq(complaintIdempotency.trackingNo, first.trackingNo));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(JSON.stringify(stored)).not.toContain(first.accessCode);
  });

  it('concurrent identical requests create one item', async () => {
    const idem = { client: '198.51.100.3', key: newKey() };
    const before = await countRows();
    const answers = await Promise.all(Array.from({ length: 4 }, () => intake().submitPublic(ctx, complaint({ description: '并发提交' }), [], { channel: 'web', idempotency: idem })));
    expect(new Set(answers.map((a) => a.trackingNo)).size).toBe(1);
    expect(new Set(answers.map((a) => a.accessCode)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await countRows()).toBe(before + 1);
  });

  it('a key older than a day is forgotten: the same key makes a new item, and old rows are purged', async () => {
    const idem = { client: '198.51.100.4', key: newKey() };
    const first = await intake().submitPublic(ctx, complaint(), [], { channel: 'web', idempotency: idem });
    const hash = idempotencyKeyHash(hashKeyOf(), idem.client, idem.key);
    await ageEntry(env.db, hash, 25 * 3_600_000);
    const second = await intake().submitPublic(ctx, complaint({ description: '一天后再用同一个键' }), [], { channel: 'web', idempotency: idem });
    expect(second.replayed).toBe(false);
    expect(second.trackingNo).not.toBe(first.trackingNo);
    const rows = await env.db.select().from(complaintIdempotency).where(eq(complaintIdempotency.keyHash, hash));
    expect(rows.map((r) => r.trackingNo)).toEqual([second.trackingNo]);
  });

  it('Open311 filings get a token (stored hashed) and it is replayed too', async () => {
    const idem = { client: '198.51.100.5', key: newKey() };
    const a = await intake().submitPublic(ctx, { kind: 'report', description: '电梯困人' }, [], { channel: 'open311', idempotency: idem });
    expect(a.open311Token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const row = await rowOf(a.trackingNo);
    expect(row.channel).toBe('open311');
    expect(row.open311TokenHash).not.toContain(a.open311Token!);
    expect(await intake().submitPublic(ctx, { kind: 'report', description: '电梯困人' }, [], { channel: 'open311', idempotency: idem })).toEqual({ ...a, replayed: true });
    expect((await intake().publicViewByToken(a.open311Token!)).trackingNo).toBe(a.trackingNo);
    await expect(intake().publicViewByToken('nope')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});

/** The hash key the services were given, as app.ts derives it. */
const hashKeyOf = () => loadSecretKey(env.config).derive('complaints');

describe('hotline entry', () => {
  it('records the channel, the reference (a second one 409 DUPLICATE_TRANSFER) and the day received (clocks count from it; not in the future)', async () => {
    const operator = await staffActor(['hotline_operator']);
    const ref = `12315-${Date.now()}`;
    const received = addDays(today, -3);
    const a = await intake().enter({ actor: operator }, { ...complaint(), channel: 'transfer_12315', channelRef: ref, receivedOn: received }, [{ fileName: 'letter.pdf', content: PDF }]);
    const row = await rowOf(a.trackingNo);
    expect(a.id).toBe(row.id);
    expect(row).toMatchObject({ channel: 'transfer_12315', channelRef: ref, receivedOn: received, createdById: operator.userId });
    const [clock] = await env.db.select().from(complaintDeadlines).where(eq(complaintDeadlines.complaintId, row.id));
    expect(clock!.startedOn).toBe(received);
    expect((await env.db.select().from(complaintFiles).where(eq(complaintFiles.complaintId, row.id)))[0]!.source).toBe('staff');
    await expect(intake().enter({ actor: operator }, { ...complaint(), channel: 'transfer_12315', channelRef: ref }, [])).rejects.toMatchObject({ code: 'DUPLICATE_TRANSFER', status: 409 });
    // The same reference on another channel is another item.
    await intake().enter({ actor: operator }, { ...complaint(), channel: 'transfer_agency', channelRef: ref }, []);
    await expect(intake().enter({ actor: operator }, { ...complaint(), channel: 'phone', receivedOn: addDays(today, 1) }, [])).rejects.toMatchObject({ code: 'INVALID_DATE', details: { field: 'receivedOn' } });
    await expect(intake().enter({ actor: operator }, { ...complaint(), channel: 'web' as never }, [])).rejects.toMatchObject({ details: { field: 'channel' } });
    await expect(intake().enter({ actor: operator }, { kind: 'complaint', description: '来电未留姓名', channel: 'phone' }, [])).rejects.toMatchObject({ code: 'REPORTER_REQUIRED' });
  });
});

describe('the public page', () => {
  it('answers with the access code only; a wrong or missing code is the same 404 as an unknown number', async () => {
    const a = await intake().submitPublic(ctx, complaint(), [], { channel: 'web' });
    const view = await intake().publicView(a.trackingNo, a.accessCode.toLowerCase());
    expect(view).toMatchObject({ trackingNo: a.trackingNo, kind: 'complaint', status: 'received', publicResult: null, satisfaction: null, reward: null, canAddInformation: true, canRate: false });
    expect(view.deadlines).toEqual([{ kind: 'accept', dueOn: expect.any(String), certain: expect.any(Boolean), metOn: null, state: 'open' }]);
    expect(view.timeline.map((e) => e.kind)).toContain('received');
    expect(JSON.stringify(view)).not.toContain('王');
    const wrong = await failure(intake().publicView(a.trackingNo, 'ABCDEFGHJK'));
    const missing = await failure(intake().publicView(a.trackingNo, undefined));
    const unknown = await failure(intake().publicView('TS20200101999999', a.accessCode));
    for (const err of [wrong, missing, unknown]) expect(err).toMatchObject({ code: 'NOT_FOUND', status: 404, message: (unknown as Error).message });
  });

  it('deadline states: met on or before the due date, missed after it or still open past it, cancelled', async () => {
    const row = await makeComplaint(env, { kind: 'complaint' });
    const code = 'ABCDEFGH23';
    const hashKey = hashKeyOf();
    await env.db.update(complaints).set({ accessCodeHash: keyedHash(hashKey, 'access-code', code), trackingNo: `TS20260101${String(Date.now()).slice(-7)}` }).where(eq(complaints.id, row.id));
    const trackingNo = (await env.db.select().from(complaints).where(eq(complaints.id, row.id)))[0]!.trackingNo;
    const d = (kind: 'accept' | 'verify' | 'mediation' | 'notify', dueOn: string, more: Partial<typeof complaintDeadlines.$inferInsert> = {}) => ({ complaintId: row.id, kind, startedOn: addDays(today, -30), workingDays: 7, dueOn, dueCertain: true, ...more });
    await env.db.insert(complaintDeadlines).values([d('accept', addDays(today, -5), { metOn: addDays(today, -5) }), d('mediation', addDays(today, -1)), d('verify', addDays(today, -10), { metOn: addDays(today, -8) }), d('notify', today, { cancelledOn: today })]);
    const view = await intake().publicView(trackingNo, code);
    expect(Object.fromEntries(view.deadlines.map((c) => [c.kind, c.state]))).toEqual({ accept: 'met', mediation: 'missed', verify: 'missed', notify: 'cancelled' });
    await env.db.update(complaintDeadlines).set({ dueOn: today }).where(eq(complaintDeadlines.complaintId, row.id));
    await env.db.update(complaintDeadlines).set({ metOn: null, cancelledOn: null }).where(and(eq(complaintDeadlines.complaintId, row.id), eq(complaintDeadlines.kind, 'mediation')));
    expect((await intake().publicView(trackingNo, code)).deadlines.find((c) => c.kind === 'mediation')!.state).toBe('open');
  });

  it('shows the latest reward that was not rejected, its amount as a number', async () => {
    const a = await intake().submitPublic(ctx, { kind: 'report', description: '无证生产' }, [], { channel: 'web' });
    const row = await rowOf(a.trackingNo);
    const base = { complaintId: row.id, rulesVersion: 1, basis: 'scale' as const, reason: '属实', proposedById: env.admin.userId!, proposedByName: '管理员' };
    await env.db.insert(complaintRewards).values({ ...base, amount: '500.00', status: 'paid', paidOn: today, proposedAt: new Date(Date.now() - 60_000) });
    await env.db.insert(complaintRewards).values({ ...base, amount: '9000.00', status: 'rejected' });
    expect((await intake().publicView(a.trackingNo, a.accessCode)).reward).toEqual({ status: 'paid', amount: 500, paidOn: today });
  });
});

describe('additions and satisfaction', () => {
  it('adds text and files while open (a public addition event); closed → 409 INVALID_TRANSITION', async () => {
    const a = await intake().submitPublic(ctx, complaint(), [], { channel: 'web' });
    const view = await intake().addAddition(ctx, a.trackingNo, a.accessCode, { text: '补充：<b>发票号</b> 123' }, [{ fileName: 'more.jpg', content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]) }]);
    expect(view.timeline.map((e) => e.kind)).toContain('addition');
    const row = await rowOf(a.trackingNo);
    const [event] = await env.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id)).then((es) => es.filter((e) => e.kind === 'addition'));
    expect(event).toMatchObject({ public: true, actorKind: 'public', note: '补充：<b>发票号</b> 123' });
    const files = await env.db.select().from(complaintFiles).where(eq(complaintFiles.complaintId, row.id));
    expect(files).toMatchObject([{ eventId: event!.id, source: 'reporter', contentType: 'image/jpeg' }]);
    await expect(intake().addAddition(ctx, a.trackingNo, a.accessCode, { text: '   ' }, [])).rejects.toMatchObject({ status: 400, details: { field: 'text' } });
    await expect(intake().addAddition(ctx, a.trackingNo, a.accessCode, { text: '字'.repeat(5001) }, [])).rejects.toMatchObject({ status: 400, details: { field: 'text' } });
    await expect(intake().addAddition(ctx, a.trackingNo, 'WRONGCODE2', { text: '补充' }, [])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(intake().addAddition(ctx, a.trackingNo, a.accessCode, { text: '补充' }, [{ fileName: 'x.png', content: Buffer.from('text') }])).rejects.toMatchObject({ code: 'ATTACHMENT_CONTENT' });
    await env.db.update(complaints).set({ status: 'closed', publicResult: '已调解' }).where(eq(complaints.id, row.id));
    await expect(intake().addAddition(ctx, a.trackingNo, a.accessCode, { text: '再补充' }, [])).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
  });

  it('rates once after closing: open → 409 INVALID_TRANSITION, twice → 409 ALREADY_RATED', async () => {
    const a = await intake().submitPublic(ctx, complaint(), [], { channel: 'web' });
    await expect(intake().rateSatisfaction(ctx, a.trackingNo, a.accessCode, { satisfied: true })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
    const row = await rowOf(a.trackingNo);
    await env.db.update(complaints).set({ status: 'closed', publicResult: '经调解，商家退款' }).where(eq(complaints.id, row.id));
    expect((await intake().publicView(a.trackingNo, a.accessCode)).canRate).toBe(true);
    await expect(intake().rateSatisfaction(ctx, a.trackingNo, a.accessCode, { satisfied: false, comment: '评'.repeat(501) })).rejects.toMatchObject({ status: 400, details: { field: 'comment' } });
    const view = await intake().rateSatisfaction(ctx, a.trackingNo, a.accessCode, { satisfied: false, comment: '处理太慢' });
    expect(view).toMatchObject({ publicResult: '经调解，商家退款', satisfaction: { satisfied: false, comment: '处理太慢' }, canRate: false, canAddInformation: false });
    expect(view.timeline.map((e) => e.kind)).toContain('satisfaction');
    expect((await rowOf(a.trackingNo)).version).toBe(row.version + 1);
    await expect(intake().rateSatisfaction(ctx, a.trackingNo, a.accessCode, { satisfied: true })).rejects.toMatchObject({ code: 'ALREADY_RATED', status: 409 });
    const { items } = await env.services.audit.list(env.db, env.admin, { action: 'complaint.satisfaction_rated', target: row.id }, { page: 1, pageSize: 5 });
    expect(items[0]!.after).toEqual({ trackingNo: a.trackingNo, satisfied: false });
  });
});
