import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { useServiceEnv } from '../../../test/app.js';
import { creditListings } from '../../credit/index.js';
import { listEnterprise } from '../../credit/testing.js';
import { enterprises } from '../../enterprises/index.js';
import { makeEnterprise, randomUscc, setCreditClass } from '../../enterprises/testing.js';
import { openDataChunks, openDataFiles } from '../portal.schema.js';
import { OPEN_DATA_HEADERS, makeOpenData } from './open-data.service.js';

/**
 * The open-data file (open-data/README.md) through the service: its columns and rows (the public
 * record, never the credit class), neutralised cells, one file a day (a second run does nothing),
 * and a file of thousands of rows written in several gzip chunks that reads back identical, its
 * size and SHA-256 matching.
 */
const env = useServiceEnv();
const openData = (opts: { pageRows?: number; chunkBytes?: number } = {}) => makeOpenData({ db: env.db, audit: env.services.audit, jurisdiction: env.services.jurisdiction, todos: env.services.todos }, opts);

/** The file of `day` as the public downloads it: every chunk gunzipped, in order. */
async function readBack(day: string) {
  const { file, gzip } = await openData().open(day);
  const parts: Buffer[] = [];
  for await (const part of gzip) parts.push(part as Buffer);
  return { file, csv: gunzipSync(Buffer.concat(parts)) };
}
const rowsOf = (csv: Buffer) => parse(csv, { bom: true }) as string[][];

describe('the open-data file', () => {
  it('holds the public record of every enterprise in USCC order: listing, status, counts; no credit class; neutralised cells', async () => {
    const listed = await makeEnterprise(env, { name: '开放数据列入测试有限公司' });
    await setCreditClass(env, listed.id, 'D');
    const listedOn = addDays(todayInChina(), -30);
    const until = addDays(todayInChina(), 700);
    const listing = await listEnterprise(env, listed, { listedOn, until });
    await env.db.update(creditListings).set({ publishedAt: new Date() }).where(eq(creditListings.id, listing.id));
    // Listed but not yet published, and published but past its period: not on the public list, so 否.
    const unpublished = await makeEnterprise(env, { name: '开放数据未公示列入有限公司' });
    await listEnterprise(env, unpublished, { listedOn, until });
    const expired = await makeEnterprise(env, { name: '开放数据期满列入有限公司' });
    const old = await listEnterprise(env, expired, { listedOn: addDays(todayInChina(), -800), until: addDays(todayInChina(), -1) });
    await env.db.update(creditListings).set({ publishedAt: new Date() }).where(eq(creditListings.id, old.id));
    const hostile = randomUscc('320830');
    await env.db.insert(enterprises).values({ uscc: hostile, name: '=HYPERLINK("http://evil.example")', regionCode: '320830', status: 'cancelled' });

    const { created, file } = await openData().generate('2026-05-01');
    expect(created).toBe(true);
    const { csv } = await readBack('2026-05-01');
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = rowsOf(csv);
    expect(header).toEqual(OPEN_DATA_HEADERS);
    expect(header!.join()).not.toMatch(/信用(风险)?(等级|分类)|class/i);
    const [{ n }] = (await env.db.select({ n: sql<number>`count(*)::int` }).from(enterprises)) as [{ n: number }];
    expect(rows).toHaveLength(n);
    expect(file.rows).toBe(n);
    expect(rows.map((r) => r[0])).toEqual(rows.map((r) => r[0]!).sort());
    expect(rows.every((r) => r.length === OPEN_DATA_HEADERS.length)).toBe(true);

    const row = rows.find((r) => r[0] === listed.uscc)!;
    expect(row).toEqual([listed.uscc, '开放数据列入测试有限公司', expect.any(String), '存续', '0', '0', '0', '0', '是', listedOn, until, '0']);
    for (const e of [unpublished, expired]) expect(rows.find((r) => r[0] === e.uscc)!.slice(8, 11)).toEqual(['否', '', '']);
    expect(row[2]).not.toBe('');
    expect(row).not.toContain('D');
    expect(rows.find((r) => r[0] === hostile)!.slice(1, 4)).toEqual(['\'=HYPERLINK("http://evil.example")', expect.any(String), '注销']);
    expect(rows.filter((r) => r[8] === '否').every((r) => r[9] === '' && r[10] === '')).toBe(true);
  });

  it('is written once a day: a second run the same day changes nothing', async () => {
    const first = await openData().generate('2026-05-02');
    expect(first.created).toBe(true);
    await makeEnterprise(env, { name: '次日才出现的企业有限公司' });
    const again = await openData().generate('2026-05-02');
    expect(again).toEqual({ created: false, file: first.file });
    const files = await env.db.select().from(openDataFiles).where(eq(openDataFiles.day, '2026-05-02'));
    expect(files).toHaveLength(1);
    expect((await rowsOf((await readBack('2026-05-02')).csv)).map((r) => r[1])).not.toContain('次日才出现的企业有限公司');
  });

  it('a file of thousands of rows is written in several chunks and reads back identical (bytes, SHA-256)', async () => {
    const values = Array.from({ length: 3000 }, (_, i) => ({ uscc: randomUscc('320826'), name: `开放数据批量企业${i}号有限公司`, regionCode: '320826' }));
    for (let i = 0; i < values.length; i += 500) await env.db.insert(enterprises).values(values.slice(i, i + 500)).onConflictDoNothing();
    const { file } = await openData({ pageRows: 700, chunkBytes: 32 * 1024 }).generate('2026-05-03');
    const chunks = await env.db.select({ seq: openDataChunks.seq }).from(openDataChunks).where(eq(openDataChunks.fileId, file.id));
    expect(chunks.length).toBeGreaterThan(3);
    const { csv } = await readBack('2026-05-03');
    expect(csv.length).toBe(file.bytes);
    expect(createHash('sha256').update(csv).digest('hex')).toBe(file.sha256);
    const rows = rowsOf(csv).slice(1);
    expect(rows).toHaveLength(file.rows);
    expect(new Set(rows.map((r) => r[0])).size).toBe(file.rows);
    expect(file.rows).toBeGreaterThanOrEqual(3000);
    // The same data written in one chunk is the same file.
    const single = await openData({ chunkBytes: 1 << 30 }).generate('2026-05-04');
    expect(single.file.sha256).toBe(file.sha256);
  });
});
