import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { useServiceEnv } from '../../../test/app.js';
import { makeLicence } from '../testing.js';

const env = useServiceEnv();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

async function countyOfficer(regionCode: string): Promise<Actor> {
  const user = await env.makeUser({ roles: ['county_officer'], regionCode });
  return (await env.services.users.loadActor(user.id))!;
}

const documents = () => env.services.licenceDocuments;

describe('licence documents', () => {
  it('stores an uploaded attachment with its checked name and type, audited, and lists it with the generated documents', async () => {
    const licence = await makeLicence(env);
    const officer = await countyOfficer('320826');
    const uploaded = await documents().upload({ actor: officer }, licence.id, { fileName: 'C:\\scans\\证书扫描件.pdf', content: PDF });
    expect(uploaded).toMatchObject({ licenceId: licence.id, kind: 'attachment', fileName: '证书扫描件.pdf', contentType: 'application/pdf', size: PDF.length, createdByName: officer.name });
    expect(uploaded).not.toHaveProperty('content');

    // a document an exit workflow generates, through the same store
    await env.db.transaction((tx) => documents().store(tx, { actor: null }, { licenceId: licence.id, kind: 'revocation_decision', fileName: '吊销决定书.docx', contentType: 'application/x-test', content: Buffer.from('PK\x03\x04') }));
    const { items, total } = await documents().list(officer, licence.id);
    expect(total).toBe(2);
    expect(items.map((d) => d.kind).sort()).toEqual(['attachment', 'revocation_decision']);

    const file = await documents().download(officer, licence.id, uploaded.id);
    expect(Buffer.from(file.content).equals(PDF)).toBe(true);
    const audit = await env.services.audit.list(env.db, env.admin, { action: 'licence.document_stored', target: licence.id }, { page: 1, pageSize: 5 });
    expect(audit.total).toBe(2);
  });

  it('rejects a file of another format or whose content does not match its extension, writing nothing', async () => {
    const licence = await makeLicence(env);
    await expect(documents().upload(env.ctx, licence.id, { fileName: 'run.exe', content: PDF })).rejects.toMatchObject({ code: 'ATTACHMENT_TYPE', status: 400 });
    await expect(documents().upload(env.ctx, licence.id, { fileName: 'fake.pdf', content: Buffer.from('MZ\x90\x00') })).rejects.toMatchObject({ code: 'ATTACHMENT_CONTENT', status: 400 });
    expect((await documents().list(env.admin, licence.id)).total).toBe(0);
  });

  it('keeps a county officer to its own county’s licences: another county’s is missing for listing, upload and download', async () => {
    const foreign = await makeLicence(env, { regionCode: '320830' });
    const stored = await documents().upload(env.ctx, foreign.id, { fileName: 'a.pdf', content: PDF });
    const officer = await countyOfficer('320826');
    await expect(documents().list(officer, foreign.id)).rejects.toMatchObject({ status: 404 });
    await expect(documents().download(officer, foreign.id, stored.id)).rejects.toMatchObject({ status: 404 });
    await expect(documents().upload({ actor: officer }, foreign.id, { fileName: 'b.pdf', content: PDF })).rejects.toMatchObject({ status: 404 });
    expect((await documents().list(env.admin, foreign.id)).total).toBe(1);

    // a document id of another licence is not reachable through one's own licence
    const own = await makeLicence(env, { regionCode: '320826' });
    await expect(documents().download(officer, own.id, stored.id)).rejects.toMatchObject({ status: 404 });
  });
});
