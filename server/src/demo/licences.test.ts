import { describe, expect, it } from 'vitest';
import { generateEnterprises } from './generator.js';
import { type DemoHolder, makeLicenceGenerator } from './licences.js';

const holders: DemoHolder[] = [...generateEnterprises({ seed: 7, count: 3000 })].map((e, i) => ({ id: `e${i}`, industryCode: e.industryCode, status: e.status, establishedOn: e.establishedOn, regionCode: e.regionCode }));
const generate = () => makeLicenceGenerator({ seed: 7, today: '2026-11-28' })(holders);

describe('demo licences', () => {
  it('are deterministic, unique per type, valid today, and held only by operating enterprises', () => {
    const licences = generate();
    expect(licences.length).toBeGreaterThan(100);
    expect(generate()).toEqual(licences);
    const keys = licences.map((l) => `${l.typeKey}|${l.number}`);
    expect(new Set(keys).size).toBe(keys.length);
    const byId = new Map(holders.map((h) => [h.id, h]));
    for (const l of licences) {
      expect(l.expiresOn === null || l.expiresOn >= '2026-11-28').toBe(true);
      expect(l.issuedOn <= '2026-11-28').toBe(true);
      expect(['active', 'suspended']).toContain(byId.get(l.enterpriseId)!.status);
    }
    expect(new Set(licences.map((l) => l.typeKey))).toEqual(new Set(['industrial_product', 'se_use_registration', 'metrology_standard', 'cma']));
  });
});
