import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { usccProblem } from '../modules/enterprises/uscc.js';
import { STATUS_LABELS } from '../modules/enterprises/enterprise-fields.js';
import { CSV_HEADER, type DemoEnterprise, generateEnterprises, writeEnterprisesCsv } from './generator.js';
import { DEMO_REGIONS } from './places.js';
import { withSyntheticCreditClass } from './synthetic-credit.js';

const take = (seed: number, count: number, regionCodes?: string[]) => [...generateEnterprises({ seed, count, regionCodes })];

/** Share of rows per value of a field. */
function shares<T extends DemoEnterprise>(rows: T[], key: (r: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / rows.length]));
}

describe('generateEnterprises', () => {
  const big = take(20261128, 100_000);

  it('is deterministic: the same seed gives the same rows, and a longer run starts with the shorter one', () => {
    expect(take(7, 500)).toEqual(take(7, 500));
    expect(take(7, 2000).slice(0, 500)).toEqual(take(7, 500));
  });

  it('gives different rows for different seeds', () => {
    const a = take(1, 200);
    const b = take(2, 200);
    expect(a.map((r) => r.uscc)).not.toEqual(b.map((r) => r.uscc));
    expect(a.filter((r, i) => r.name === b[i]!.name).length).toBeLessThan(10);
  });

  it('makes valid, unique USCCs whose division is the region', () => {
    expect(big.filter((r) => usccProblem(r.uscc) !== null || r.uscc.slice(2, 8) !== r.regionCode)).toEqual([]);
    expect(new Set(big.map((r) => r.uscc)).size).toBe(big.length);
    const types = shares(big, (r) => r.uscc.slice(0, 2));
    expect(types['91']).toBeGreaterThan(0.9);
    expect(types['92']).toBeGreaterThan(0.02);
    expect(types['93']).toBeGreaterThan(0.01);
  });

  it('uses MA organization codes for entities registered since 2016, as real codes do', () => {
    for (const r of big.slice(0, 5000)) expect(r.uscc.slice(8, 10) === 'MA').toBe(r.establishedOn >= '2016');
  });

  it('spreads rows over the regions by their weights', () => {
    const total = DEMO_REGIONS.reduce((s, r) => s + r.weight, 0);
    const got = shares(big, (r) => r.regionCode);
    for (const r of DEMO_REGIONS) expect(got[r.code]).toBeCloseTo(r.weight / total, 1);
    expect(got['320800']).toBeGreaterThan(0.01);
    expect(got['320800']).toBeLessThan(0.03);
  });

  it('follows the status distribution; no credit class (the credit model\'s), a synthetic one only on request', () => {
    const status = shares(big, (r) => r.status);
    const expected = { active: 0.85, suspended: 0.05, cancelled: 0.05, revoked: 0.03, moved_out: 0.02 };
    for (const [k, v] of Object.entries(expected)) expect(Math.abs(status[k]! - v)).toBeLessThan(0.01);
    expect(big.every((r) => !('creditClass' in r))).toBe(true);
    const credit = shares([...withSyntheticCreditClass(big, 3)], (r) => r.creditClass);
    for (const [k, v] of Object.entries({ A: 0.3, B: 0.5, C: 0.15, D: 0.05 })) expect(Math.abs(credit[k]! - v)).toBeLessThan(0.01);
  });

  it('makes plausible names, people, addresses, dates and industry codes', () => {
    const sample = big.slice(0, 5000);
    expect(sample.filter((r) => r.name.includes('瑞祥')).length).toBeGreaterThan(10);
    for (const r of sample) {
      const region = DEMO_REGIONS.find((g) => g.code === r.regionCode)!;
      const prefixes = [region.localPrefix, ...region.namePrefixes.map(([p]) => p)];
      expect(prefixes.some((p) => r.name.startsWith(p)), r.name).toBe(true);
      expect(r.name).toMatch(/(公司|厂|合作社|经营部|商行|店|超市|馆)$/);
      expect(r.address.startsWith(region.addressPrefix)).toBe(true);
      expect(r.legalRepresentative).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(r.industryCode).toMatch(/^[A-T]\d{4}$/);
      expect(r.establishedOn).toMatch(/^(199\d|20[01]\d|202[0-5])-\d\d-\d\d$/);
      expect(new Date(`${r.establishedOn}T00:00:00Z`).toISOString().slice(0, 10)).toBe(r.establishedOn);
    }
    const tagged = sample.filter((r) => r.tags.length > 0);
    expect(tagged.length).toBeGreaterThan(20);
    expect(tagged.length).toBeLessThan(sample.length * 0.12);
    expect(new Set(tagged.map((r) => r.tags[0]))).toContain('盱眙凹土产业集群');
  });

  it('keeps to the given regions', () => {
    const rows = take(3, 1000, ['320826', '320830']);
    expect(new Set(rows.map((r) => r.regionCode))).toEqual(new Set(['320826', '320830']));
    expect(() => take(3, 1, ['110000'])).toThrow(/110000/);
  });
});

describe('writeEnterprisesCsv', () => {
  it('writes the import header and the same rows, with Chinese status labels', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zj-demo-')), 'enterprises.csv');
    const { rows } = await writeEnterprisesCsv(file, { seed: 5, count: 300 });
    expect(rows).toBe(300);
    const records = parse(fs.readFileSync(file, 'utf8')) as string[][];
    expect(records[0]).toEqual(CSV_HEADER);
    expect(records.length).toBe(301);
    take(5, 300).forEach((e, i) => {
      expect(records[i + 1]).toEqual([e.uscc, e.name, e.legalRepresentative, e.address, e.regionCode, STATUS_LABELS[e.status], e.establishedOn, e.industryCode]);
    });
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
