import fs from 'node:fs/promises';
import { type DrawRecord, verifyRecord } from './record.js';

/** Reads a draw record from a file or a URL (e.g. GET /api/public/draws/:id). */
async function readRecord(source: string): Promise<DrawRecord> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
    return (await res.json()) as DrawRecord;
  }
  return JSON.parse(await fs.readFile(source, 'utf8')) as DrawRecord;
}

/** `zhijian draw verify <record.json | URL>`: prints "valid" (exit 0) or the first mismatch (exit 1). */
export async function drawVerify(source: string | undefined): Promise<number> {
  if (!source) {
    console.error('usage: zhijian draw verify <record.json | URL>');
    return 2;
  }
  const mismatch = verifyRecord(await readRecord(source));
  if (!mismatch) {
    console.log('valid');
    return 0;
  }
  console.log(`mismatch (${mismatch.field}): ${mismatch.message}`);
  return 1;
}
