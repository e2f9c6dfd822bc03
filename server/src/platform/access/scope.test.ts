import { describe, expect, it } from 'vitest';
import { regionPrefix, regionWithin, widestScope } from './scope.js';

describe('data scope', () => {
  it('region prefixes drop trailing 00 pairs', () => {
    expect(regionPrefix('320800')).toBe('3208');
    expect(regionPrefix('320826')).toBe('320826');
    expect(regionPrefix('320000')).toBe('32');
    expect(regionPrefix('320826100')).toBe('320826100');
  });

  it('a county lies within its city, not within another county', () => {
    expect(regionWithin('320826', '320800')).toBe(true);
    expect(regionWithin('320871', '320800')).toBe(true);
    expect(regionWithin('320830', '320826')).toBe(false);
    expect(regionWithin('320826101', '320826')).toBe(true);
    expect(regionWithin('320100', '320800')).toBe(false);
  });

  it('a user with several roles gets the widest scope', () => {
    expect(widestScope(['org', 'region'])).toBe('region');
    expect(widestScope(['self', 'all', 'org'])).toBe('all');
    expect(widestScope([])).toBe('self');
    expect(widestScope(['enterprise'])).toBe('enterprise');
    expect(widestScope(['enterprise', 'self'])).toBe('self');
  });
});
