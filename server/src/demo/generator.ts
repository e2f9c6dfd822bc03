import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { EnterpriseStatus } from '../modules/enterprises/enterprises.schema.js';
import { USCC_ALPHABET, completeUscc } from '../modules/enterprises/uscc.js';
import { DEMO_REGIONS, type DemoRegion, VILLAGES } from './places.js';
import { type Rng, makeRng, weighted } from './random.js';
import { CLUSTERS, type DemoIndustry, type EntityType, GIVEN_CHARS, INDUSTRIES, POPULAR_TRADE_NAMES, SURNAMES, TRADE_FIRST, TRADE_SECOND } from './words.js';
import { FILE_COLUMNS, STATUS_LABELS } from '../modules/enterprises/enterprise-fields.js';

/** One generated enterprise: the columns of `enterprises` the demo fills. */
export interface DemoEnterprise {
  uscc: string;
  name: string;
  legalRepresentative: string;
  address: string;
  regionCode: string;
  industryCode: string;
  status: EnterpriseStatus;
  /** YYYY-MM-DD, 1990-01-01 … 2025-12-31. */
  establishedOn: string;
  tags: string[];
}

export interface GenerateOptions {
  seed: number;
  count: number;
  /** Regions to spread over (default: all of Huai'an); each must be one of DEMO_REGIONS. */
  regionCodes?: readonly string[];
}

/** More rows than this would exhaust the 8-digit organization-code space of older entities. */
export const MAX_DEMO_ROWS = 100_000_000;

export const STATUS_WEIGHTS: readonly (readonly [EnterpriseStatus, number])[] = [['active', 85], ['suspended', 5], ['cancelled', 5], ['revoked', 3], ['moved_out', 2]];
const ENTITY_TYPES = weighted<EntityType>([['company', 94], ['individual', 4], ['cooperative', 2]]);
/** USCC position 2 (entity type) under authority 9 (market regulation). */
const TYPE_DIGIT: Record<EntityType, string> = { company: '1', individual: '2', cooperative: '3' };
const COMPANY_SUFFIXES = weighted([['有限公司', 74], ['有限责任公司', 10], ['股份有限公司', 4], ['厂', 12]]);
const pickStatus = weighted(STATUS_WEIGHTS);
const pickSurname = weighted(SURNAMES.map((s, i) => [s, i < 10 ? 4 : s.length > 1 ? 0.2 : i < 30 ? 2 : 1] as const));
const INDUSTRY_PICKERS: Record<EntityType, (rng: Rng) => DemoIndustry> = {
  company: weighted(INDUSTRIES.filter((i) => i.words.length > 0).map((i) => [i, i.weight] as const)),
  individual: weighted(INDUSTRIES.filter((i) => i.shop).map((i) => [i, i.weight] as const)),
  cooperative: weighted(INDUSTRIES.filter((i) => i.coop).map((i) => [i, i.weight] as const)),
};
const INDUSTRY_BY_CODE = new Map(INDUSTRIES.map((i) => [i.code, i]));

/**
 * The 8-character organization-code body of row `index`, unique per index: an affine bijection
 * (a·index + b mod N, a coprime with N) mixed with the seed, in one of two disjoint spaces —
 * `MA` + 6 characters for entities registered since 2016 (as real codes are), 8 digits before.
 */
function makeBodyCoder(seed: number) {
  const rng = makeRng(seed ^ 0x5eed5eed);
  let a = 1 + 2 * rng.int(1 << 23); // odd, < 2^24, so a·index stays exact below 2^53
  while (a % 5 === 0 || a % 31 === 0) a += 2;
  const maSpace = 31 ** 6;
  const bMa = rng.int(maSpace);
  const bDigits = rng.int(1e8);
  return (index: number, recent: boolean) => {
    if (!recent) return String((a * index + bDigits) % 1e8).padStart(8, '0');
    let x = (a * index + bMa) % maSpace;
    let body = '';
    for (let i = 0; i < 6; i++) {
      body = USCC_ALPHABET[x % 31]! + body;
      x = Math.floor(x / 31);
    }
    return `MA${body}`;
  };
}

function tradeName(rng: Rng, allowThird: boolean): string {
  if (rng.chance(0.2)) return rng.pick(POPULAR_TRADE_NAMES);
  const first = rng.pick(TRADE_FIRST);
  let second = rng.pick(TRADE_SECOND);
  while (second === first) second = rng.pick(TRADE_SECOND);
  return allowThird && rng.chance(0.12) ? first + second + rng.pick(TRADE_SECOND) : first + second;
}

function personName(rng: Rng): string {
  const given = rng.chance(0.3) ? rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS);
  return pickSurname(rng) + given;
}

function establishedOn(rng: Rng, minYear: number): string {
  const year = Math.max(minYear, 1990 + Math.floor(36 * rng.next() ** 0.7));
  const month = 1 + rng.int(12);
  const day = 1 + rng.int(new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function address(rng: Rng, region: DemoRegion, type: EntityType): string {
  if (type === 'cooperative') return `${region.addressPrefix}${rng.pick(region.areas)}${rng.pick(VILLAGES)}村${1 + rng.int(12)}组`;
  const area = rng.chance(0.45) ? rng.pick(region.areas) : '';
  return `${region.addressPrefix}${area}${rng.pick(region.roads)}${1 + rng.int(398)}号`;
}

function pickIndustry(rng: Rng, region: DemoRegion, type: EntityType): DemoIndustry {
  if (type === 'company') {
    const cluster = CLUSTERS.find((c) => c.regions.includes(region.code));
    if (cluster && rng.chance(0.2)) return INDUSTRY_BY_CODE.get(rng.pick(cluster.industries))!;
  }
  return INDUSTRY_PICKERS[type](rng);
}

function companyName(rng: Rng, industry: DemoIndustry, prefix: (rng: Rng) => string): string {
  const place = prefix(rng);
  let suffix = COMPANY_SUFFIXES(rng);
  if (suffix === '厂' && (!industry.factory || place === '江苏')) suffix = '有限公司';
  return place + tradeName(rng, true) + rng.pick(industry.words) + suffix;
}

/**
 * Streams `count` plausible Huai'an enterprises, deterministically from `seed` (the first n rows
 * are the same whatever the count). USCCs are valid and unique for any count ≤ MAX_DEMO_ROWS;
 * names may repeat in large sets.
 */
export function* generateEnterprises(opts: GenerateOptions): Generator<DemoEnterprise> {
  if (!Number.isInteger(opts.count) || opts.count < 0 || opts.count > MAX_DEMO_ROWS) throw new RangeError(`count must be an integer in 0…${MAX_DEMO_ROWS}`);
  const regions = opts.regionCodes
    ? opts.regionCodes.map((code) => DEMO_REGIONS.find((r) => r.code === code) ?? fail(`no demo data for region ${code}`))
    : DEMO_REGIONS;
  if (regions.length === 0) throw new RangeError('regionCodes is empty');
  const pickRegion = weighted(regions.map((r) => [r, r.weight] as const));
  const prefixOf = new Map(regions.map((r) => [r.code, weighted(r.namePrefixes)]));
  const body = makeBodyCoder(opts.seed);
  const rng = makeRng(opts.seed);

  for (let index = 0; index < opts.count; index++) {
    const region = pickRegion(rng);
    const type = ENTITY_TYPES(rng);
    const industry = pickIndustry(rng, region, type);
    const name =
      type === 'company'
        ? companyName(rng, industry, prefixOf.get(region.code)!)
        : region.localPrefix + tradeName(rng, false) + rng.pick((type === 'individual' ? industry.shop : industry.coop)!);
    const established = establishedOn(rng, type === 'cooperative' ? 2007 : 1990);
    const cluster = CLUSTERS.find((c) => c.regions.includes(region.code) && c.industries.includes(industry.code));
    yield {
      uscc: completeUscc(`9${TYPE_DIGIT[type]}${region.code}${body(index, established >= '2016')}`),
      name,
      legalRepresentative: personName(rng),
      address: address(rng, region, type),
      regionCode: region.code,
      industryCode: industry.code,
      status: pickStatus(rng),
      establishedOn: established,
      tags: cluster && rng.chance(0.6) ? [cluster.tag] : [],
    };
  }
}

function fail(message: string): never {
  throw new RangeError(message);
}

/** The header of the enterprise import file, in its column order. */
/** The import file's header, in the import's column order. */
export const CSV_HEADER = FILE_COLUMNS.map((c) => c.header);

/**
 * Writes the generated rows as a UTF-8 import file (Chinese header, status labels), streaming,
 * so a million rows take little memory. `bom` adds a byte-order mark for Excel.
 */
export async function writeEnterprisesCsv(path: string, opts: GenerateOptions & { bom?: boolean }): Promise<{ rows: number }> {
  let rows = 0;
  function* records() {
    for (const e of generateEnterprises(opts)) {
      rows++;
      yield FILE_COLUMNS.map((c) => (c.field === 'status' ? STATUS_LABELS[e.status] : e[c.field]));
    }
  }
  await pipeline(Readable.from(records()), stringify({ header: true, columns: CSV_HEADER, bom: opts.bom ?? false }), fs.createWriteStream(path));
  return { rows };
}
