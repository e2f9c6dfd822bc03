/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters — registration
 * authority, entity type, 6-digit division code, 9-character organization code (GB 11714, with its
 * own check digit), and a final check digit over the first 17.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^(i-1) mod 31 for i = 1..17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Characters people type by mistake for a valid one (the alphabet leaves out I, O, S, V, Z). */
const LOOKALIKE: Record<string, string> = { O: '0', I: '1', Z: '2', S: '5' };

export type UsccProblem =
  | { code: 'USCC_FORMAT'; message: string; position?: number }
  | { code: 'USCC_CHECK_DIGIT'; message: string; position: number; expected: string };

/** Upper-case and trim; nothing else — a full-width or look-alike character is an error, not a guess. */
export const normalizeUscc = (raw: string) => raw.trim().toUpperCase();

const usccValue = (c: string) => USCC_ALPHABET.indexOf(c);

/** The final check digit for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character for an organization code's first 8 characters (A=10 … Z=35). */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** What is wrong with a (normalized) code, or null when it is valid. Format problems come first. */
export function usccProblem(code: string): UsccProblem | null {
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (usccValue(ch) >= 0) continue;
    const position = i + 1;
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xff01 && cp <= 0xff5e) {
      return { code: 'USCC_FORMAT', position, message: `第 ${position} 位“${ch}”是全角字符，请改用半角字符` };
    }
    const hint = LOOKALIKE[ch] ? `（是否应为“${LOOKALIKE[ch]}”？）` : '';
    return { code: 'USCC_FORMAT', position, message: `第 ${position} 位“${ch}”不是统一社会信用代码允许的字符${hint}` };
  }
  if (code.length !== 18) return { code: 'USCC_FORMAT', message: `统一社会信用代码应为 18 位，实际 ${code.length} 位` };
  const orgExpected = orgCodeCheckChar(code.slice(8, 16));
  if (code[16] !== orgExpected) {
    return { code: 'USCC_CHECK_DIGIT', position: 17, expected: orgExpected, message: `组织机构代码校验位（第 17 位）应为“${orgExpected}”` };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return { code: 'USCC_CHECK_DIGIT', position: 18, expected, message: `统一社会信用代码校验位（第 18 位）应为“${expected}”` };
  }
  return null;
}

/** Completes 16 characters (authority, type, division, org-code body) into a valid code — for generators and tests. */
export function completeUscc(first16: string): string {
  const first17 = first16 + orgCodeCheckChar(first16.slice(8, 16));
  return first17 + usccCheckChar(first17);
}
