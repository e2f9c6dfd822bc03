import { describe, expect, it } from 'vitest';
import { copyField, copyText } from './copy-rows.js';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and CR; null is \\N; Chinese text and numbers pass as they are', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField('\\N')).toBe('\\\\N'); // the two characters, not a null
    expect(copyField('\\.')).toBe('\\\\.'); // not the end-of-data marker
    expect(copyField('涟水县\t安东路\n1号\r\n二楼\\后门')).toBe('涟水县\\t安东路\\n1号\\r\\n二楼\\\\后门');
    expect(copyField(3)).toBe('3');
    expect(copyField('')).toBe('');
    expect(copyText([['a', null, 2], ['某电梯有限公司', 'x\ty', '']])).toBe('a\t\\N\t2\n某电梯有限公司\tx\\ty\t\n');
  });
});
