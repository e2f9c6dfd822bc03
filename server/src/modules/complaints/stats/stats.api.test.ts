import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { makeComplaint } from '../testing.js';

/** Issue 17, statistics and exports over the API: complaint.read, data scope, reporters masked, formula cells neutralised. */
const env = useTestEnv();
const staff = async (roles: string[], regionCode: string) => env.login((await env.makeUser({ roles, regionCode })).username);

describe('statistics', () => {
  it('answers the figures in the reader scope; a bad range is 400', async () => {
    await makeComplaint(env, { kind: 'report', regionCode: '320826', receivedOn: '2024-05-06', substantiated: true });
    await makeComplaint(env, { kind: 'complaint', regionCode: '320812', receivedOn: '2024-05-07', anonymous: false });
    const officer = await staff(['county_officer'], '320826');
    const res = await officer.get('/api/complaint-stats?from=2024-05-01&to=2024-05-31');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, byMonth: [{ month: '2024-05', count: 1 }], substantiated: { decided: 1, substantiated: 1, rate: 1 }, repeatSubjectThreshold: 3 });
    const all = await staff(['city_officer'], '320800');
    expect((await all.get('/api/complaint-stats?from=2024-05-01&to=2024-05-31')).json().total).toBe(2);
    expect((await officer.get('/api/complaint-stats?from=2024-06-01&to=2024-05-01')).statusCode).toBe(400);
    expect((await officer.get('/api/complaint-stats?bogus=1')).statusCode).toBe(400);

    const csv = await officer.get('/api/complaint-stats/export?format=csv&from=2024-05-01&to=2024-05-31');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('按类型');
    const xlsx = await officer.get('/api/complaint-stats/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('the list export', () => {
  it('neutralises a description starting with = and never holds a full phone number', async () => {
    const phone = '13912345678';
    const item = await makeComplaint(env, {
      kind: 'complaint',
      regionCode: '320831',
      description: '=1+1',
      anonymous: false,
      reporterNameSealed: env.services.personal.seal('李四'),
      reporterPhoneSealed: env.services.personal.seal(phone),
      reporterNameMasked: '李*',
      reporterPhoneMasked: '139****5678',
    });
    const officer = await staff(['county_officer'], '320831');
    const res = await officer.get('/api/complaints/export?format=csv&kind=complaint');
    expect(res.statusCode, res.body).toBe(200);
    const line = res.body.split('\n').find((l) => l.includes(item.trackingNo))!;
    expect(line).toContain("'=1+1");
    expect(line).toContain('139****5678');
    expect(line).toContain('李*');
    expect(res.body).not.toContain(phone);
    expect(res.body).not.toContain('李四');
    // Another county's officer: the header only.
    const elsewhere = await (await staff(['county_officer'], '320826')).get('/api/complaints/export?format=csv&regionCode=320831');
    expect(elsewhere.body).not.toContain(item.trackingNo);
    expect((await officer.get('/api/complaints/export')).statusCode).toBe(400);
    expect((await officer.get('/api/complaints/export?format=xlsx&overdue=true&urgent=false&q=TT')).statusCode).toBe(200);
  });
});
