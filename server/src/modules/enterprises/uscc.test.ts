import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, completeUscc, normalizeUscc, orgCodeCheckChar, usccCheckChar, usccProblem } from './uscc.js';

describe('USCC (GB 32100)', () => {
  it('accepts the reference code 914403001922038216', () => {
    expect(usccProblem('914403001922038216')).toBeNull();
    expect(orgCodeCheckChar('19220382')).toBe('1');
    expect(usccCheckChar('91440300192203821')).toBe('6');
  });

  it('normalizes case and surrounding spaces only', () => {
    expect(normalizeUscc('  91440300192203821x ')).toBe('91440300192203821X');
  });

  it('rejects wrong length and characters outside the alphabet', () => {
    expect(usccProblem('91440300192203821')).toMatchObject({ code: 'USCC_FORMAT' });
    expect(usccProblem('9144030019220382166')).toMatchObject({ code: 'USCC_FORMAT' });
    expect(usccProblem('91440300192203821O')).toMatchObject({ code: 'USCC_FORMAT', position: 18, message: expect.stringContaining('0') });
    expect(usccProblem('９14403001922038216')).toMatchObject({ code: 'USCC_FORMAT', position: 1, message: expect.stringContaining('全角') });
    for (const bad of ['I', 'O', 'S', 'V', 'Z']) expect(usccProblem(`91440300192203821${bad}`)?.code).toBe('USCC_FORMAT');
  });

  it('checks the final check digit', () => {
    expect(usccProblem('914403001922038217')).toMatchObject({ code: 'USCC_CHECK_DIGIT', position: 18, expected: '6' });
  });

  it('checks the organization-code check digit inside the code', () => {
    // Position 17 changed and position 18 recomputed: only the organization code is wrong.
    const first17 = '91440300192203822';
    expect(usccProblem(first17 + usccCheckChar(first17))).toMatchObject({ code: 'USCC_CHECK_DIGIT', position: 17, expected: '1' });
  });

  it('maps organization-code remainders 10 and 11 to X and 0', () => {
    const withX = fc.sample(fc.stringMatching(/^[0-9A-HJ-NP-RTUWXY]{8}$/), 2000).find((s) => orgCodeCheckChar(s) === 'X');
    expect(withX).toBeDefined();
    expect(usccProblem(completeUscc(`91320826${withX}`))).toBeNull();
  });

  it('every completed code is valid and any single-character change is caught (property)', () => {
    const body = fc.stringMatching(/^[0-9A-HJ-NP-RTUWXY]{8}$/).filter((s) => orgCodeCheckChar(s) !== 'X');
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (orgBody, pos, shift) => {
        const code = completeUscc(`91320826${orgBody}`);
        expect(usccProblem(code)).toBeNull();
        const changed = USCC_ALPHABET[(USCC_ALPHABET.indexOf(code[pos]!) + shift) % 31]!;
        const mutated = code.slice(0, pos) + changed + code.slice(pos + 1);
        expect(usccProblem(mutated)?.code).toBe('USCC_CHECK_DIGIT');
      }),
    );
  });
});
