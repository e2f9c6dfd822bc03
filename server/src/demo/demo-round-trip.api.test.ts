import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../test/app.js';
import { uploadTo } from '../test/multipart.js';
import { DEMO_ENTERPRISES, loadDemo } from './load-demo.js';

/**
 * Issue 12 item 1 on the demo register: the 5,000 generated enterprises (names, people and
 * addresses in Chinese) and their licences, exported and re-imported unchanged, report every row
 * unchanged — from .xlsx and from CSV.
 */
const env = useTestEnv();

describe('the demo register exported and re-imported unchanged', () => {
  it('reports every one of the 5,000 enterprises and every licence unchanged, from .xlsx and from CSV', async () => {
    expect(DEMO_ENTERPRISES).toBe(5000);
    const summary = await loadDemo({ database: env.database, config: env.config });
    expect(summary.enterprises).toBe(5000);
    const admin = await env.loginAdmin();
    const total = (await admin.get('/api/enterprises?pageSize=1')).json();
    expect(total).toMatchObject({ total: 5000, totalExact: true });
    const licenceTotal = (await admin.get('/api/licences?pageSize=1')).json().total as number;
    expect(licenceTotal).toBeGreaterThan(100);

    for (const format of ['xlsx', 'csv'] as const) {
      const exported = await admin.get(`/api/enterprises/export?format=${format}`);
      expect(exported.statusCode).toBe(200);
      const again = (await uploadTo(env, '/api/enterprises/import', { mode: 'valid-rows', file: { name: `demo.${format}`, content: exported.rawPayload } })).json();
      expect(again, `enterprises .${format}`).toEqual({ imported: 0, updated: 0, unchanged: 5000, rejected: [] });

      const licences = await admin.get(`/api/licences/export?format=${format}`);
      expect(licences.statusCode).toBe(200);
      const back = (await uploadTo(env, '/api/licences/import', { mode: 'valid-rows', file: { name: `licences.${format}`, content: licences.rawPayload } })).json();
      expect(back, `licences .${format}`).toEqual({ imported: 0, updated: 0, unchanged: licenceTotal, rejected: [] });
    }
  }, 600_000);
});
