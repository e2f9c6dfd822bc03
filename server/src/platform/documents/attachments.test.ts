import { describe, expect, it } from 'vitest';
import { DOCX, MAX_ATTACHMENT_BYTES, checkAttachment } from './attachments.js';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);

describe('checkAttachment', () => {
  it('accepts the allowed formats whose content matches the extension, whatever the case', () => {
    expect(checkAttachment('证书.pdf', PDF)).toEqual({ fileName: '证书.pdf', contentType: 'application/pdf' });
    expect(checkAttachment('scan.PNG', PNG).contentType).toBe('image/png');
    expect(checkAttachment('scan.jpg', JPEG).contentType).toBe('image/jpeg');
    expect(checkAttachment('scan.JPEG', JPEG).contentType).toBe('image/jpeg');
    expect(checkAttachment('申请书.docx', ZIP).contentType).toBe(DOCX);
    expect(checkAttachment('清单.xlsx', ZIP).contentType).toMatch(/spreadsheetml/);
    expect(checkAttachment('电子证照.ofd', ZIP).contentType).toBe('application/ofd');
  });

  it('rejects other extensions, content that is not what the extension says, empty and oversized files', () => {
    for (const name of ['a.exe', 'a.doc', 'a.html', 'a.svg', 'noextension', 'a.pdf.exe']) {
      expect(() => checkAttachment(name, PDF), name).toThrow(expect.objectContaining({ code: 'ATTACHMENT_TYPE', status: 400 }));
    }
    expect(() => checkAttachment('fake.pdf', Buffer.from('<html></html>'))).toThrow(expect.objectContaining({ code: 'ATTACHMENT_CONTENT', status: 400 }));
    expect(() => checkAttachment('fake.png', JPEG)).toThrow(expect.objectContaining({ code: 'ATTACHMENT_CONTENT' }));
    expect(() => checkAttachment('fake.docx', PDF)).toThrow(expect.objectContaining({ code: 'ATTACHMENT_CONTENT' }));
    expect(() => checkAttachment('short.png', PNG.subarray(0, 4))).toThrow(expect.objectContaining({ code: 'ATTACHMENT_CONTENT' }));
    expect(() => checkAttachment('empty.pdf', Buffer.alloc(0))).toThrow(expect.objectContaining({ code: 'ATTACHMENT_EMPTY' }));
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    expect(() => checkAttachment('big.pdf', big)).toThrow(expect.objectContaining({ code: 'ATTACHMENT_TOO_LARGE', status: 413 }));
  });

  it('keeps only the file’s own name, without folders or control characters', () => {
    expect(checkAttachment('C:\\Users\\张三\\证书.pdf', PDF).fileName).toBe('证书.pdf');
    expect(checkAttachment('../../etc/证书.pdf', PDF).fileName).toBe('证书.pdf');
    expect(checkAttachment('证\r\n书.pdf', PDF).fileName).toBe('证书.pdf');
    const long = checkAttachment(`${'长'.repeat(300)}.pdf`, PDF).fileName;
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
