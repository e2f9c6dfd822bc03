import { openBytes, sealBytes } from './seal.js';

/**
 * Personal data at rest (applicants' and reporters' names and phones): sealed with AES-256-GCM
 * under the installation's `personal-data` sub-key (secret-key.ts), so a copy of the database or
 * of its backups does not give it away. A sealed value is `v1.<base64url(iv ‖ tag ‖ ciphertext)>`.
 * Lists, exports and logs show it masked (`maskName`, `maskPhone`); whoever shows it in full
 * records the reveal in the audit log.
 */
export interface PersonalData {
  seal(text: string): string;
  /** Throws when the value was not sealed with this key or was changed. */
  open(sealed: string): string;
}

const VERSION = 'v1.';

export function makePersonalData(key: Buffer): PersonalData {
  if (key.length !== 32) throw new RangeError('the personal-data key must be 32 bytes');
  return {
    seal: (text) => VERSION + sealBytes(key, Buffer.from(text, 'utf8')).toString('base64url'),
    open(sealed) {
      if (!sealed.startsWith(VERSION)) throw new Error('not a sealed value');
      return openBytes(key, Buffer.from(sealed.slice(VERSION.length), 'base64url')).toString('utf8');
    },
  };
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the first character only. */
export const maskName = (name: string): string => {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
};

/** 13812345678 → 138****5678; shorter numbers keep only their last two digits. */
export const maskPhone = (phone: string): string => {
  const digits = phone.trim();
  if (digits.length >= 7) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}****${digits.slice(-4)}`.replace(/\*{5,}/, '****');
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
};
