import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../../test/app.js';
import { makeLicence } from '../testing.js';
import { MAX_ATTACHMENT_BYTES } from '../../../platform/documents/attachments.js';

const env = useTestEnv();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
type Client = Awaited<ReturnType<typeof env.login>>;

/** A multipart/form-data body with one file under `field`, serialized the way a browser would. */
async function form(fileName: string, content: Buffer, field = 'file') {
  const data = new FormData();
  data.append(field, new Blob([content]), fileName);
  const request = new Request('http://localhost/', { method: 'POST', body: data });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

async function upload(c: Client, licenceId: string, fileName: string, content: Buffer, field?: string) {
  const { payload, headers } = await form(fileName, content, field);
  return c.post(`/api/licences/${licenceId}/documents`, payload, headers);
}

describe('licence documents API', () => {
  it('uploads an attachment (201), lists it without content and downloads it with its type and name', async () => {
    const licence = await makeLicence(env);
    const officer = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    const created = await upload(officer, licence.id, '营业执照.pdf', PDF);
    expect(created.statusCode).toBe(201);
    const doc = created.json();
    expect(doc).toMatchObject({ kind: 'attachment', fileName: '营业执照.pdf', contentType: 'application/pdf', size: PDF.length });

    const list = (await officer.get(`/api/licences/${licence.id}/documents`)).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: doc.id, kind: 'attachment' }] });
    expect(list.items[0]).not.toHaveProperty('content');

    const file = await officer.get(`/api/licences/${licence.id}/documents/${doc.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('营业执照.pdf'));
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('answers a wrong format, a disguised file, a missing file and an oversized one with clear codes, writing nothing', async () => {
    const licence = await makeLicence(env);
    const admin = await env.loginAdmin();
    const code = async (res: Promise<{ statusCode: number; json: () => { error: { code: string } } }>) => {
      const r = await res;
      return [r.statusCode, r.json().error.code];
    };
    expect(await code(upload(admin, licence.id, 'macro.docm', PDF))).toEqual([400, 'ATTACHMENT_TYPE']);
    expect(await code(upload(admin, licence.id, 'photo.png', PDF))).toEqual([400, 'ATTACHMENT_CONTENT']);
    expect(await code(upload(admin, licence.id, 'a.pdf', PDF, 'attachment'))).toEqual([400, 'ATTACHMENT_MISSING']);
    expect(await code(admin.post(`/api/licences/${licence.id}/documents`, { file: 'a.pdf' }))).toEqual([400, 'ATTACHMENT_MISSING']);
    expect(await code(upload(admin, licence.id, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES)])))).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
    expect((await admin.get(`/api/licences/${licence.id}/documents`)).json().total).toBe(0);
  });

  it('keeps a county officer out of another county’s documents (404) and a read-only user from uploading (403)', async () => {
    const admin = await env.loginAdmin();
    const foreign = await makeLicence(env, { regionCode: '320830' });
    const stored = (await upload(admin, foreign.id, 'a.pdf', PDF)).json();
    const county = await env.login((await env.makeUser({ roles: ['county_officer'], regionCode: '320826' })).username);
    expect((await county.get(`/api/licences/${foreign.id}/documents`)).statusCode).toBe(404);
    expect((await county.get(`/api/licences/${foreign.id}/documents/${stored.id}`)).statusCode).toBe(404);
    expect((await upload(county, foreign.id, 'b.pdf', PDF)).statusCode).toBe(404);

    const inspector = await env.login((await env.makeUser({ roles: ['inspector'], regionCode: '320830' })).username);
    expect((await inspector.get(`/api/licences/${foreign.id}/documents`)).json().total).toBe(1);
    expect((await upload(inspector, foreign.id, 'c.pdf', PDF)).statusCode).toBe(403);
    expect((await admin.get(`/api/licences/${foreign.id}/documents`)).json().total).toBe(1);
  });
});
