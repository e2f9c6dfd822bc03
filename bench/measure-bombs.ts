import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../server/src/config.js';
import { importLimitsOf } from '../server/src/platform/files/limits.js';
import { readRows } from '../server/src/platform/files/read-rows.js';
import { plainEntries, repeatedZip } from '../server/src/platform/files/xlsx/testing.js';
import { openPackage } from '../server/src/platform/files/xlsx/zip.js';

/** One crafted .xlsx: how fast and in how much memory the import's reader refuses it. */
export interface BombMeasurement {
  name: string;
  fileMb: number;
  /** The XML the package declares, unzipped. */
  xmlMb: number;
  repeats: number;
  /** The limit the refusal named (`413 IMPORT_TOO_LARGE`'s `details.limit`). */
  limit: string;
  /** From the first byte to the refusal, in this process (median of the repeats). */
  refusalMs: number;
  /** Baseline: unzipping and decoding the package's XML parts, nothing else (median of the repeats). */
  readXmlMs: number;
  /** refusalMs ÷ readXmlMs. */
  ratio: number;
  /** The RSS growth while refusing (largest of the repeats). */
  rssGrowthMb: number;
}

const DEFAULTS = importLimitsOf(loadConfig({}));
const SHEET = { name: 'xl/worksheets/sheet1.xml', head: '<worksheet><sheetData>', block: `<row>${'<c t="s"><v>0</v></c>'.repeat(10)}</row>`.repeat(1000), times: 1000, tail: '</sheetData></worksheet>' };
const table = (text: string, times: number, perBlock = 10_000) => ({ name: 'xl/sharedStrings.xml', head: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', block: `<si><t>${text}</t></si>`.repeat(perBlock), times, tail: '</sst>' });

/** Issue 11's bomb (60 million strings, 2 GB of XML in a few MB) and the precount's three. */
function bombs(): { name: string; zip: Buffer }[] {
  const single = { name: 'xl/worksheets/sheet1.xml', content: '<worksheet><sheetData><row><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>' };
  return [
    { name: '60 M shared strings, 2 GB of XML (issue 11)', zip: repeatedZip([...plainEntries({ sharedStrings: true }), single, table('abcdefghijklmnopq', 2000, 30_000)]) },
    { name: '1 M rows of 10 cells and 60 M strings', zip: repeatedZip([...plainEntries({ sharedStrings: true }), SHEET, table('a', 6000)]) },
    { name: '1 M rows and 9.9 M strings of 11 characters', zip: repeatedZip([...plainEntries({ sharedStrings: true }), SHEET, table('abcdefghijk', 990)]) },
    { name: '9.9 M strings before a sheet past the columns', zip: repeatedZip([...plainEntries({ sharedStrings: true }), { ...SHEET, head: '<worksheet><sheetData><row><c r="XFD1" t="s"><v>0</v></c></row>' }, table('a', 990)]) },
  ];
}

async function refuse(file: string): Promise<{ ms: number; limit: string; rssGrowth: number }> {
  const rss = process.memoryUsage().rss;
  let peak = rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  try {
    for await (const _row of readRows(fs.createReadStream(file), 'xlsx', DEFAULTS)) {
      // a bomb yields no row before its refusal
    }
    throw new Error(`${file} was read to the end: not refused`);
  } catch (err) {
    const e = err as { status?: number; details?: { limit?: string } };
    if (e.status !== 413) throw err;
    return { ms: performance.now() - started, limit: e.details?.limit ?? '?', rssGrowth: Math.max(peak, process.memoryUsage().rss) - rss };
  } finally {
    clearInterval(sampler);
  }
}

async function readXml(file: string): Promise<number> {
  const started = performance.now();
  const pkg = await openPackage(file, { ...DEFAULTS, unzippedBytes: Number.MAX_SAFE_INTEGER });
  try {
    for (const part of ['xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']) {
      for await (const _chunk of pkg.text(part)) {
        // decoded and dropped
      }
    }
  } finally {
    pkg.close();
  }
  return performance.now() - started;
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/** Each bomb `repeats` times, refused by the import's reader (default limits), against reading its XML. */
export async function measureBombs(repeats: number, log: (message: string) => void): Promise<BombMeasurement[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-bench-bombs-'));
  const results: BombMeasurement[] = [];
  try {
    for (const bomb of bombs()) {
      const file = path.join(dir, 'bomb.xlsx');
      fs.writeFileSync(file, bomb.zip);
      const pkg = await openPackage(file, { ...DEFAULTS, unzippedBytes: Number.MAX_SAFE_INTEGER });
      const xmlBytes = pkg.size('xl/sharedStrings.xml') + pkg.size('xl/worksheets/sheet1.xml');
      pkg.close();
      const refusals: Awaited<ReturnType<typeof refuse>>[] = [];
      const reads: number[] = [];
      for (let i = 0; i < repeats; i++) {
        refusals.push(await refuse(file));
        reads.push(await readXml(file));
      }
      const refusalMs = Math.round(middle(refusals.map((r) => r.ms)));
      const readXmlMs = Math.round(middle(reads));
      const measured: BombMeasurement = {
        name: bomb.name,
        fileMb: Math.round((bomb.zip.length / 2 ** 20) * 10) / 10,
        xmlMb: Math.round(xmlBytes / 2 ** 20),
        repeats,
        limit: refusals[0]!.limit,
        refusalMs,
        readXmlMs,
        ratio: Math.round((refusalMs / readXmlMs) * 1000) / 1000,
        rssGrowthMb: Math.round(Math.max(...refusals.map((r) => r.rssGrowth)) / 2 ** 20),
      };
      log(`bomb "${bomb.name}": refused (${measured.limit}) in ${refusalMs} ms; reading its XML ${readXmlMs} ms; ratio ${measured.ratio}; RSS +${measured.rssGrowthMb} MB`);
      results.push(measured);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
