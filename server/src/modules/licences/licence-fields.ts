import { addDays, todayInChina } from '../../platform/calendar/dates.js';
import { type Checked, type FieldProblem, checkDate, checkText, fail } from '../../platform/validation/fields.js';
import { checkDigitProblem, checkUscc } from '../enterprises/index.js';

/** The fields of a licence as the form, the API and an import file give them. */
export interface LicenceFieldsInput {
  uscc: string;
  type: string;
  number: string;
  scope?: string | null;
  issuedOn: string;
  expiresOn?: string | null;
  issuer: string;
}

/** A licence type as the checks need it. */
export interface LicenceTypeRef {
  key: string;
  name: string;
  validityYears: number | null;
  historic: boolean;
}

/** Checked fields. `usccCheckDigitFailed`: the code fails its check digit (a pilot code, registered only by override). */
export interface LicenceFields<T extends LicenceTypeRef = LicenceTypeRef> {
  uscc: string;
  usccCheckDigitFailed: boolean;
  type: T;
  number: string;
  scope: string | null;
  issuedOn: string;
  expiresOn: string | null;
  issuer: string;
}

export type LicenceField = keyof LicenceFieldsInput;

/** The last day of a validity of `years` starting on `issuedOn` (2024-03-01 + 5 years → 2029-02-28). */
export function defaultExpiry(issuedOn: string, years: number): string {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + n years lands on 1 March when that year has none: the day before is still right.
  return addDays(anniversary.toISOString().slice(0, 10), -1);
}

/** What an import file says, and an export writes, for a licence that does not expire. */
export const NO_EXPIRY = '长期';

/** A historic type (abolished) keeps its licences readable but takes no new or changed ones. */
export const historicProblem = (type: LicenceTypeRef): FieldProblem<LicenceField> => ({ field: 'type', code: 'LICENCE_TYPE_HISTORIC', message: `${type.name}已取消，只能查阅，不能新发或变更` });

/**
 * The holder is not in the register, or not in the caller's data scope (the two look the same). A
 * code failing its check digit is most likely mistyped: that is said instead.
 */
export function holderUnknown(fields: Pick<LicenceFields, 'uscc' | 'usccCheckDigitFailed'>): FieldProblem<LicenceField> {
  if (fields.usccCheckDigitFailed) return { ...checkDigitProblem(fields.uscc), field: 'uscc' };
  return { field: 'uscc', code: 'ENTERPRISE_UNKNOWN', message: `未找到统一社会信用代码为 ${fields.uscc} 的企业（或不在您的辖区）` };
}

/**
 * The checks of a licence's own fields, shared by `create` and the import; `type` is the type the
 * input names, if any. Whether the holder is registered and visible, the number free, and the type
 * not historic, the callers check against the database.
 */
export function checkLicenceFields<T extends LicenceTypeRef>(input: LicenceFieldsInput, type: T | undefined, today = todayInChina()): { ok: true; value: LicenceFields<T> } | { ok: false; problems: FieldProblem<LicenceField>[] } {
  const problems: FieldProblem<LicenceField>[] = [];
  const take = <T>(checked: Checked<T>): T | undefined => {
    if (checked.ok) return checked.value;
    problems.push(checked.problem as FieldProblem<LicenceField>);
    return undefined;
  };
  const uscc = checkUscc(input.uscc ?? '');
  if (!uscc.ok) problems.push({ field: 'uscc', code: uscc.problem.code, message: uscc.problem.message });
  if (!type) problems.push({ field: 'type', code: 'LICENCE_TYPE_UNKNOWN', message: input.type?.trim() ? `未知的许可证类型：${input.type.trim()}` : '请填写许可证类型' });
  const number = take(checkText(input.number, 'number', '证书编号', { max: 100, required: true }));
  const scope = take(checkText(input.scope, 'scope', '许可范围', { max: 2000, required: false }));
  let issuedOn = take(checkDate(input.issuedOn, 'issuedOn', '发证日期'));
  if (issuedOn && issuedOn > today) issuedOn = take(fail('issuedOn', 'DATE_FUTURE', `发证日期 ${issuedOn} 晚于今天`));
  const expiry = input.expiresOn?.trim();
  let expiresOn = expiry === NO_EXPIRY ? null : expiry ? take(checkDate(expiry, 'expiresOn', '有效期至')) : issuedOn && type?.validityYears ? defaultExpiry(issuedOn, type.validityYears) : null;
  if (issuedOn && expiresOn && expiresOn < issuedOn) expiresOn = take(fail('expiresOn', 'EXPIRY_BEFORE_ISSUE', `有效期至 ${expiresOn} 早于发证日期 ${issuedOn}`));
  const issuer = take(checkText(input.issuer, 'issuer', '发证机关', { max: 200, required: true }));
  if (problems.length || !uscc.ok || !type) return { ok: false, problems };
  return {
    ok: true,
    value: { uscc: uscc.value.uscc, usccCheckDigitFailed: uscc.value.checkDigitFailed, type, number: number!, scope: scope ?? null, issuedOn: issuedOn!, expiresOn: expiresOn ?? null, issuer: issuer! },
  };
}
