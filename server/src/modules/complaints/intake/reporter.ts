import { type PersonalData, maskName, maskPhone } from '../../../platform/secrets/personal-data.js';
import { checkIdNumber } from '../../../platform/validation/id-number.js';
import { invalid, orThrow } from '../../../platform/validation/fields.js';
import { isPhone, phoneOf } from '../../../platform/validation/phone.js';
import type { complaints } from '../complaints.schema.js';

/** The reporter as submitted (all optional but name and phone). */
export interface ReporterInput {
  name: string;
  phone: string;
  idNumber?: string | null;
  address?: string | null;
  email?: string | null;
}

/** A checked reporter: trimmed, the ID number upper-case, empty optional fields null. */
export interface Reporter {
  name: string;
  phone: string;
  idNumber: string | null;
  address: string | null;
  email: string | null;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a reporter. Every message names the field, never the value: reporter data must not reach
 * an error body or a log line (the caller may log a failed request's error).
 */
export function checkReporter(r: ReporterInput): Reporter {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v == null ? '' : null);
  const name = text(r.name);
  if (name === null || !name) throw invalid('reporter.name', '请填写姓名');
  if ([...name].length > 50) throw invalid('reporter.name', '姓名不能超过 50 个字');
  const rawPhone = text(r.phone);
  if (rawPhone === null || !rawPhone) throw invalid('reporter.phone', '请填写联系电话');
  const phone = phoneOf(rawPhone);
  if (!isPhone(phone)) throw invalid('reporter.phone', '联系电话应为 11 位手机号码或带区号的固定电话号码');
  const idText = text(r.idNumber);
  if (idText === null) throw invalid('reporter.idNumber', '身份证号码格式不正确');
  const idNumber = idText ? orThrow(checkIdNumber(idText, 'reporter.idNumber')) : null;
  const address = text(r.address);
  if (address === null) throw invalid('reporter.address', '地址格式不正确');
  if ([...address].length > 200) throw invalid('reporter.address', '地址不能超过 200 个字');
  const email = text(r.email);
  if (email === null || email.length > 100 || (email && !EMAIL_RE.test(email))) throw invalid('reporter.email', '电子邮箱格式不正确');
  return { name, phone, idNumber, address: address || null, email: email || null };
}

type ReporterColumns = Pick<
  typeof complaints.$inferInsert,
  'anonymous' | 'reporterNameSealed' | 'reporterPhoneSealed' | 'reporterIdNumberSealed' | 'reporterAddressSealed' | 'reporterEmailSealed' | 'reporterNameMasked' | 'reporterPhoneMasked'
>;

/** The columns of a (checked) reporter: every field sealed, name and phone also masked; anonymous when none. */
export function sealReporter(personal: PersonalData, r: Reporter | null): ReporterColumns {
  if (!r) {
    return { anonymous: true, reporterNameSealed: null, reporterPhoneSealed: null, reporterIdNumberSealed: null, reporterAddressSealed: null, reporterEmailSealed: null, reporterNameMasked: null, reporterPhoneMasked: null };
  }
  const seal = (v: string | null) => (v === null ? null : personal.seal(v));
  return {
    anonymous: false,
    reporterNameSealed: personal.seal(r.name),
    reporterPhoneSealed: personal.seal(r.phone),
    reporterIdNumberSealed: seal(r.idNumber),
    reporterAddressSealed: seal(r.address),
    reporterEmailSealed: seal(r.email),
    reporterNameMasked: maskName(r.name),
    reporterPhoneMasked: maskPhone(r.phone),
  };
}

type SealedRow = Pick<typeof complaints.$inferSelect, 'anonymous' | 'reporterNameSealed' | 'reporterPhoneSealed' | 'reporterIdNumberSealed' | 'reporterAddressSealed' | 'reporterEmailSealed' | 'reporterNameMasked' | 'reporterPhoneMasked'>;

/** The reporter in full (for the audited reveal only); null when anonymous. */
export function openReporter(personal: PersonalData, row: SealedRow): Reporter | null {
  if (row.anonymous || !row.reporterNameSealed || !row.reporterPhoneSealed) return null;
  const open = (v: string | null) => (v === null ? null : personal.open(v));
  return { name: personal.open(row.reporterNameSealed), phone: personal.open(row.reporterPhoneSealed), idNumber: open(row.reporterIdNumberSealed), address: open(row.reporterAddressSealed), email: open(row.reporterEmailSealed) };
}

/** The reporter as everybody but a revealer sees it (张*, 138****5678); null when anonymous. */
export function maskedReporter(row: SealedRow): { name: string; phone: string } | null {
  if (row.anonymous || row.reporterNameMasked === null || row.reporterPhoneMasked === null) return null;
  return { name: row.reporterNameMasked, phone: row.reporterPhoneMasked };
}
