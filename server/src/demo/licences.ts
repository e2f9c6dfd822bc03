import type { EnterpriseStatus } from '../modules/enterprises/enterprises.schema.js';
import { defaultExpiry } from '../modules/licences/licence-fields.js';
import { LICENCE_TYPE_SEEDS } from '../modules/licences/licence-types.js';
import { addDays } from '../platform/calendar/dates.js';
import { makeRng } from './random.js';

/** A demo enterprise as inserted (the columns licences depend on). */
export interface DemoHolder {
  id: string;
  industryCode: string;
  status: EnterpriseStatus;
  establishedOn: string;
  regionCode: string;
}

/** One generated licence: the columns of `licences` the demo fills. */
export interface DemoLicence {
  enterpriseId: string;
  typeKey: string;
  number: string;
  scope: string;
  issuedOn: string;
  expiresOn: string | null;
  issuer: string;
}

const PROVINCE = '江苏省市场监督管理局';
const CITY = '淮安市市场监督管理局';
/** Licences in the demo were issued from this day on (earlier ones have long been renewed). */
const EARLIEST = '2016-01-01';

interface Kind {
  type: string;
  /** Chance that a holder of the matching industries has one. */
  chance: number;
  holds: (h: DemoHolder) => boolean;
  issuer: string;
  scope: string;
  number: (serial: number, issuedOn: string, h: DemoHolder) => string;
}

const manufacturer = (h: DemoHolder) => h.industryCode.startsWith('C');
const KINDS: Kind[] = [
  { type: 'industrial_product', chance: 0.3, holds: manufacturer, issuer: PROVINCE, scope: '产品名称及规格型号以证书附页为准', number: (n) => `(苏)XK${String(1 + (n % 30)).padStart(2, '0')}-${String(1 + (n % 997)).padStart(3, '0')}-${String(n).padStart(5, '0')}` },
  { type: 'se_use_registration', chance: 0.08, holds: manufacturer, issuer: CITY, scope: '固定式压力容器', number: (n, on, h) => `容${h.regionCode.slice(4)}苏H${String(n).padStart(5, '0')}(${on.slice(2, 4)})` },
  { type: 'metrology_standard', chance: 0.02, holds: () => true, issuer: CITY, scope: '企业最高计量标准', number: (n, on) => `[${on.slice(0, 4)}]苏量标淮证字第${String(n).padStart(4, '0')}号` },
  { type: 'cma', chance: 0.01, holds: () => true, issuer: PROVINCE, scope: '检验检测能力以证书附表为准', number: (n, on) => `${on.slice(2, 4)}1012${String(n).padStart(6, '0')}` },
];

const validity = new Map(LICENCE_TYPE_SEEDS.map((t) => [t.key, t.validityYears]));

/**
 * Licences for demo enterprises, deterministic from the seed and `today` (expiry is relative to
 * it): some active manufacturers hold a production licence or a use registration, a few
 * enterprises a metrology standard or a CMA; all currently valid (expired terms were renewed).
 * Numbers are unique per type across all batches.
 */
export function makeLicenceGenerator(opts: { seed: number; today: string }) {
  const rng = makeRng(opts.seed ^ 0x11ce);
  const serials = new Map<string, number>();
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

  return (holders: DemoHolder[]): DemoLicence[] => {
    const out: DemoLicence[] = [];
    for (const h of holders) {
      if (h.status !== 'active' && h.status !== 'suspended') continue;
      for (const kind of KINDS) {
        if (!kind.holds(h) || !rng.chance(kind.chance)) continue;
        const from = h.establishedOn > EARLIEST ? h.establishedOn : EARLIEST;
        const span = days(from, addDays(opts.today, -30));
        if (span <= 0) continue;
        const years = validity.get(kind.type) ?? null;
        let issuedOn = addDays(from, rng.int(span));
        // A licence whose term ended was renewed: the current one runs from the end of the last.
        while (years && defaultExpiry(issuedOn, years) < opts.today) issuedOn = addDays(defaultExpiry(issuedOn, years), 1);
        const expiresOn = years ? defaultExpiry(issuedOn, years) : null;
        const serial = (serials.get(kind.type) ?? 0) + 1;
        serials.set(kind.type, serial);
        out.push({
          enterpriseId: h.id,
          typeKey: kind.type,
          number: kind.number(serial, issuedOn, h),
          scope: kind.scope,
          issuedOn,
          expiresOn,
          issuer: kind.issuer,
        });
      }
    }
    return out;
  };
}
