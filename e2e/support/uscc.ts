/**
 * Unified social credit codes for test data, from the rules in /work/shared/docs/FACTS.md
 * (GB 32100-2015 check digit over 17 characters; GB 11714 organization-code check digit at 17).
 */
export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^(i-1) mod 31 for i = 1..17. */
const WEIGHTS_18 = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});
const WEIGHTS_ORG = [3, 7, 9, 10, 5, 8, 4, 2];

/** Check character of an organization code's first 8 characters (digits, A=10 … Z=35). */
export function orgCodeCheck(body8: string): string {
  const sum = [...body8].reduce((acc, ch, i) => acc + Number.parseInt(ch, 36) * WEIGHTS_ORG[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Final (18th) check character over the first 17 characters. */
export function usccCheck(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * WEIGHTS_18[i]!, 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** Completes 16 characters (authority, type, division, 8-character org-code body) with both check digits. */
export function completeUscc(first16: string): string {
  if (first16.length !== 16) throw new Error(`need 16 characters, got ${first16.length}`);
  const first17 = first16 + orgCodeCheck(first16.slice(8));
  return first17 + usccCheck(first17);
}

/** A random valid code: `prefix` (default 91 + 涟水县 320826) and random characters. */
export function randomUscc(prefix = '91320826'): string {
  let body = prefix;
  while (body.length < 16) body += USCC_CHARS[Math.floor(Math.random() * USCC_CHARS.length)];
  return completeUscc(body);
}

/** The same code with a different (wrong) final check character. */
export function withWrongCheckDigit(uscc: string): string {
  const right = uscc[17]!;
  const wrong = USCC_CHARS[(USCC_CHARS.indexOf(right) + 1) % USCC_CHARS.length]!;
  return uscc.slice(0, 17) + wrong;
}
