import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { importLimitsOf } from './limits.js';
import { readRows } from './read-rows.js';

const DEFAULTS = importLimitsOf(loadConfig({}));

async function read(csv: string, limits: Partial<typeof DEFAULTS> = {}) {
  const rows = [];
  for await (const row of readRows(Readable.from([Buffer.from(csv)]), 'csv', { ...DEFAULTS, ...limits })) rows.push(row);
  return rows;
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (err: { code: string; status: number; details?: { limit?: string } }) => [err.status, err.code, err.details?.limit]);

describe('CSV limits', () => {
  const csv = Array.from({ length: 10 }, (_v, i) => `${i},乙,丙`).join('\r\n');

  it('stop at the rows and the columns allowed, as for .xlsx', async () => {
    expect(await read(csv, { rows: 10, columns: 3 })).toHaveLength(10);
    expect(await refusal(read(csv, { rows: 9 }))).toEqual([413, 'IMPORT_TOO_LARGE', 'rows']);
    expect(await refusal(read(csv, { columns: 2 }))).toEqual([413, 'IMPORT_TOO_LARGE', 'columns']);
  });

  it('refuse a record longer than 64 KB as unreadable', async () => {
    expect(await refusal(read(`a,"${'长'.repeat(70_000)}"\r\n`))).toEqual([400, 'IMPORT_FORMAT', undefined]);
  });
});
