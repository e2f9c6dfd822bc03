/**
 * A mainland phone number: a mobile (1[3-9] + 9 digits) or a landline with its area code (0 + 2–3
 * digits, a hyphen or not, 7–8 digits, an extension after - or 转).
 */
const PHONE_RE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:(?:-|转)\d{1,6})?)$/;

/** A phone number as typed, with spaces and brackets taken out (`(0517) 8360 1234` → `05178360 1234` → `051783601234`). */
export const phoneOf = (raw: string) => raw.replace(/[\s()（）]/g, '');

/** True when `phone` (as `phoneOf` gives it) is a mobile or a landline with its area code. */
export const isPhone = (phone: string) => PHONE_RE.test(phone);
