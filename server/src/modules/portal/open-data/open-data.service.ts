import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { neutraliseCsvCell } from '../../../platform/files/export.js';
import { notFound } from '../../../platform/http/errors.js';
import { PUBLIC_PENALTY_COUNT_OF_E } from '../../cases/index.js';
import { PUBLIC_COMMITMENTS_OF_E } from '../../commitments/index.js';
import { creditListings } from '../../credit/index.js';
import { STATUS_LABELS, enterprises } from '../../enterprises/index.js';
import { equipmentUnits } from '../../equipment/index.js';
import { PUBLIC_LICENCES_OF_E, PUBLIC_REVOCATIONS_OF_E } from '../../licences/index.js';
import type { PortalDeps } from '../portal.deps.js';
import { openDataChunks, openDataFiles } from '../portal.schema.js';

/** The file's columns, in order: the public record of an enterprise — never its credit class. */
export const OPEN_DATA_HEADERS = ['统一社会信用代码', '名称', '所属区划', '登记状态', '有效许可证数', '被吊销撤销许可证数', '公开承诺数', '在用特种设备台数', '是否列入严重违法失信名单', '列入日期', '列入期限至', '公示中的行政处罚数'];
/** Enterprises read per keyset page. */
const PAGE_ROWS = 2000;
/** Uncompressed CSV bytes per gzip member (chunk row). */
const CHUNK_BYTES = 1 << 20;
/** Files the public list shows. */
export const OPEN_DATA_LIST_MAX = 30;

interface RecordRow {
  uscc: string;
  name: string;
  regionName: string | null;
  status: keyof typeof STATUS_LABELS;
  licences: number;
  revocations: number;
  commitments: number;
  equipment: number;
  listedOn: string | null;
  until: string | null;
  penalties: number;
}

/**
 * One keyset page of the public record after `cursor` (USCC order), every count from the owning
 * module's public reads; the listing as the public dishonest list shows it (listed, published, in its
 * period today).
 */
function recordPage(tx: Db, cursor: string, limit: number) {
  const e = enterprises;
  const l = creditListings;
  return tx.execute(sql`
    select e.uscc, e.name, r.name as "regionName", e.status,
      json_array_length(${sql.raw(PUBLIC_LICENCES_OF_E)}) as "licences",
      json_array_length(${sql.raw(PUBLIC_REVOCATIONS_OF_E)}) as "revocations",
      json_array_length(${sql.raw(PUBLIC_COMMITMENTS_OF_E)}) as "commitments",
      (select count(*)::int from ${equipmentUnits} where ${equipmentUnits.userUscc} = e.uscc and ${equipmentUnits.status} = 'in_use') as "equipment",
      listing.listed_on as "listedOn", listing.until as "until",
      ${sql.raw(PUBLIC_PENALTY_COUNT_OF_E)} as "penalties"
    from ${e} e left join regions r on r.code = e.region_code
    left join lateral (
      select ${l.listedOn} as listed_on, ${l.until} as until from ${l}
       where ${l.uscc} = e.uscc and ${l.status} = 'listed' and ${l.publishedAt} is not null
         and ${l.listedOn} <= (now() at time zone 'Asia/Shanghai')::date and ${l.until} >= (now() at time zone 'Asia/Shanghai')::date
       order by ${l.listedOn} desc limit 1) listing on true
    where e.uscc > ${cursor}
    order by e.uscc
    limit ${limit}`) as unknown as Promise<{ rows: RecordRow[] }>;
}

const dateText = (d: unknown) => (d === null || d === undefined ? '' : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** A record as the file's cells (numbers as text, 是/否, dates YYYY-MM-DD). */
const cells = (r: RecordRow): string[] => [
  r.uscc,
  r.name,
  r.regionName ?? '',
  STATUS_LABELS[r.status] ?? r.status,
  String(r.licences),
  String(r.revocations),
  String(r.commitments),
  String(r.equipment),
  r.listedOn ? '是' : '否',
  dateText(r.listedOn),
  dateText(r.until),
  String(r.penalties),
];

/** CSV text of some rows (CRLF lines), every cell neutralised against spreadsheet formulas. */
const csvOf = (rows: string[][]) => stringify(rows.map((row) => row.map(neutraliseCsvCell)), { record_delimiter: 'windows' });

/**
 * The daily open-data file (open-data/README.md): the public record of every enterprise as CSV
 * (UTF-8 with BOM), read in keyset pages by USCC and written as it is read, gzip member by member
 * (~1 MB of CSV each), into `open_data_chunks`, with its `open_data_files` row (rows, bytes and
 * SHA-256 of the CSV), all in one transaction. One file a day: a second run the same day does nothing.
 */
export function makeOpenData(deps: PortalDeps, opts: { pageRows?: number; chunkBytes?: number } = {}) {
  const { db } = deps;
  const pageRows = opts.pageRows ?? PAGE_ROWS;
  const chunkBytes = opts.chunkBytes ?? CHUNK_BYTES;

  const fileColumns = { id: openDataFiles.id, day: openDataFiles.day, rows: openDataFiles.rows, bytes: openDataFiles.bytes, sha256: openDataFiles.sha256, createdAt: openDataFiles.createdAt };
  const fileOf = async (tx: Db, day: string) => (await tx.select(fileColumns).from(openDataFiles).where(eq(openDataFiles.day, day)))[0] ?? null;

  return {
    /**
     * Writes the file of `day` unless it exists: `{ created: false }` then. The day's row is
     * inserted first, so a concurrent run waits on it and then finds the file.
     */
    async generate(day = todayInChina()) {
      const existing = await fileOf(db, day);
      if (existing) return { created: false as const, file: existing };
      return inTransaction(db, async (tx) => {
        const id = randomUUID();
        const claimed = await tx.insert(openDataFiles).values({ id, day, rows: 0, bytes: 0, sha256: '' }).onConflictDoNothing().returning({ id: openDataFiles.id });
        if (!claimed.length) return { created: false as const, file: (await fileOf(tx, day))! };
        const hash = createHash('sha256');
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        let bytes = 0;
        let seq = 0;
        let rows = 0;
        const flush = async () => {
          if (!pendingBytes) return;
          const csv = Buffer.concat(pending);
          await tx.insert(openDataChunks).values({ fileId: id, seq: seq++, content: gzipSync(csv) });
          pending = [];
          pendingBytes = 0;
        };
        const add = async (text: string) => {
          const buf = Buffer.from(text, 'utf8');
          hash.update(buf);
          bytes += buf.length;
          pending.push(buf);
          pendingBytes += buf.length;
          if (pendingBytes >= chunkBytes) await flush();
        };
        await add(`\ufeff${csvOf([OPEN_DATA_HEADERS])}`);
        for (let cursor = ''; ; ) {
          const page = (await recordPage(tx, cursor, pageRows)).rows;
          if (!page.length) break;
          await add(csvOf(page.map(cells)));
          rows += page.length;
          cursor = page[page.length - 1]!.uscc;
        }
        await flush();
        const sha256 = hash.digest('hex');
        await tx.update(openDataFiles).set({ rows, bytes, sha256 }).where(eq(openDataFiles.id, id));
        return { created: true as const, file: (await fileOf(tx, day))! };
      });
    },

    /** The last 30 files, newest first. */
    list: () => db.select(fileColumns).from(openDataFiles).orderBy(desc(openDataFiles.day)).limit(OPEN_DATA_LIST_MAX),

    /**
     * The day's file: its row and its gzip stream (the chunks in order, read one at a time, so
     * the file never sits in memory whole). 404 when there is none.
     */
    async open(day: string) {
      const file = await fileOf(db, day);
      if (!file) throw notFound('开放数据文件');
      const count = (await db.select({ n: sql<number>`count(*)::int` }).from(openDataChunks).where(eq(openDataChunks.fileId, file.id)))[0]?.n ?? 0;
      async function* chunks() {
        for (let seq = 0; seq < count; seq++) {
          const [chunk] = await db.select({ content: openDataChunks.content }).from(openDataChunks).where(and(eq(openDataChunks.fileId, file!.id), eq(openDataChunks.seq, seq)));
          if (chunk) yield chunk.content;
        }
      }
      return { file, gzip: Readable.from(chunks()) };
    },
  };
}

export type OpenData = ReturnType<typeof makeOpenData>;
