import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../http/errors.js';

/** argon2id (algorithm 2) with OWASP's recommended minimum cost. */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid hash of a random secret, verified against when the username is unknown (equal timing). */
export const dummyHashPromise = () => hashPassword(`dummy-${randomInt(1e9)}`);

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];
export const PASSWORD_MAX_LENGTH = 128;
/** Character classes (lower, upper, digit, symbol) a password must mix. */
export const PASSWORD_MIN_CLASSES = 3;

/** Rules: at least `minLength` characters and three of the four character classes. */
export function passwordProblems(password: string, minLength: number): string[] {
  const problems: string[] = [];
  if (password.length < minLength) problems.push(`长度至少 ${minLength} 位`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`长度不超过 ${PASSWORD_MAX_LENGTH} 位`);
  if (CLASSES.filter((re) => re.test(password)).length < PASSWORD_MIN_CLASSES) problems.push('须包含大写字母、小写字母、数字、符号中的至少三类');
  return problems;
}

export function assertStrongPassword(password: string, minLength: number): void {
  const problems = passwordProblems(password, minLength);
  if (problems.length) throw new AppError('WEAK_PASSWORD', `密码强度不足：${problems.join('；')}`, 400, { field: 'password', problems });
}

/** A random password that satisfies the rules (shown once for the first administrator). */
export function generatePassword(length = 16): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=@!?'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
