import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makePersonalData, maskName, maskPhone } from './personal-data.js';

describe('personal data at rest', () => {
  const personal = makePersonalData(randomBytes(32));

  it('seals text so that the stored value shows nothing of it, and opens it again', () => {
    const sealed = personal.seal('王小明 13812345678');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('1381234');
    expect(personal.open(sealed)).toBe('王小明 13812345678');
    expect(personal.seal('王小明')).not.toBe(personal.seal('王小明')); // a fresh IV each time
  });

  it('refuses a value sealed with another key or changed after sealing', () => {
    const sealed = personal.seal('13812345678');
    expect(() => makePersonalData(randomBytes(32)).open(sealed)).toThrow();
    const bytes = Buffer.from(sealed.slice('v1.'.length), 'base64url');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0x01, bytes.length - 1); // one bit of the ciphertext
    const flipped = `v1.${bytes.toString('base64url')}`;
    expect(() => personal.open(flipped)).toThrow();
    expect(() => personal.open('13812345678')).toThrow(/not a sealed value/);
  });

  it('opens values sealed in its stored form, v1.<base64url(iv ‖ tag ‖ ciphertext)>, built here by hand', () => {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update('李四 13900001111', 'utf8'), cipher.final()]);
    const stored = `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    expect(makePersonalData(key).open(stored)).toBe('李四 13900001111');
  });

  it('masks names to their first character and phones to their first three and last four digits', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0517-83601234')).toBe('051****1234');
    expect(maskPhone('12345')).toBe('***45');
  });
});
