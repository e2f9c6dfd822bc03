import { describe, expect, it } from 'vitest';
import { chinaIso, coordinate, dueIso, geoStatus, placeOf, splitPlace, toRequest, toServices } from './mapping.js';

describe('Open311 mapping', () => {
  it('reads coordinates within range, at most 8 decimals kept; anything else is none', () => {
    expect(coordinate('33.6104', 90)).toBe(33.6104);
    expect(coordinate(' -33.123456789 ', 90)).toBe(-33.12345679);
    expect(coordinate('+119', 180)).toBe(119);
    expect(coordinate(undefined, 90)).toBeUndefined();
    expect(coordinate('  ', 90)).toBeUndefined();
    for (const bad of ['91', '-90.5', 'abc', '1e2', '33,5', 'NaN', 'Infinity', '0x10', '33.']) expect(coordinate(bad, 90), bad).toBeNull();
    expect(coordinate('180', 180)).toBe(180);
    expect(coordinate('180.1', 180)).toBeNull();
  });

  it('writes the place as the address, `lat,long`, or both — and reads it back', () => {
    expect(placeOf('清江浦区某超市', null)).toBe('清江浦区某超市');
    expect(placeOf(null, { lat: 33.5, long: 119.1 })).toBe('33.5,119.1');
    expect(placeOf(null, { lat: 0.00000001, long: -10 })).toBe('0.00000001,-10');
    expect(placeOf('某地', { lat: -33.25, long: 119 })).toBe('某地（-33.25,119）');
    for (const [address, point] of [
      ['清江浦区某超市', null],
      [null, { lat: 33.5, long: 119.1 }],
      ['某地（二楼）', { lat: -33.25, long: 119 }],
      ['123,456', null],
    ] as const) {
      expect(splitPlace(placeOf(address, point))).toEqual({ address, lat: point?.lat ?? null, long: point?.long ?? null });
    }
    // Places not written by a filing stay addresses.
    expect(splitPlace('某地（33.5,119.1')).toEqual({ address: '某地（33.5,119.1', lat: null, long: null });
    expect(splitPlace('95,119')).toEqual({ address: '95,119', lat: null, long: null });
    expect(splitPlace(null)).toEqual({ address: null, lat: null, long: null });
  });

  it('writes instants in China time with the offset, due dates as the end of that day', () => {
    expect(chinaIso(new Date('2026-12-06T17:39:33.456Z'))).toBe('2026-12-07T01:39:33+08:00');
    expect(chinaIso('2026-01-01T00:00:00Z')).toBe('2026-01-01T08:00:00+08:00');
    expect(dueIso('2026-10-09')).toBe('2026-10-09T23:59:59+08:00');
  });

  it('is closed when closed or refused, open otherwise', () => {
    expect(['received', 'accepted', 'verifying', 'mediating'].map((s) => geoStatus(s as never))).toEqual(['open', 'open', 'open', 'open']);
    expect(geoStatus('closed')).toBe('closed');
    expect(geoStatus('refused')).toBe('closed');
  });

  it('shows a service per active category, grouped by topic', () => {
    const services = toServices({ items: [{ name: '特种设备', categories: [{ key: 'elevator_trapping', name: '电梯困人', nameEn: 'Elevator trapping', urgent: true }] }, { name: '其他', categories: [] }] });
    expect(services).toEqual([
      { service_code: 'elevator_trapping', service_name: '电梯困人', description: expect.stringContaining('紧急'), metadata: false, type: 'realtime', keywords: '特种设备,Elevator trapping,紧急', group: '特种设备' },
    ]);
  });

  it('maps an item without anything personal, the names falling back to the topic', () => {
    const row = { status: 'verifying' as const, publicResult: null, category: null, categoryName: null, topic: 'metrology', topicName: '计量', orgName: null, place: '33.5,119.1', receivedAt: new Date('2026-12-06T01:00:00Z'), updatedAt: new Date('2026-12-06T02:00:00Z'), nextDueOn: '2026-12-28' };
    expect(toRequest('tok', row)).toEqual({
      service_request_id: 'tok',
      status: 'open',
      status_notes: null,
      service_name: '计量',
      service_code: 'metrology',
      agency_responsible: '淮安市市场监督管理局',
      service_notice: expect.any(String),
      requested_datetime: '2026-12-06T09:00:00+08:00',
      updated_datetime: '2026-12-06T10:00:00+08:00',
      expected_datetime: '2026-12-28T23:59:59+08:00',
      address: null,
      lat: 33.5,
      long: 119.1,
      media_url: null,
    });
    expect(toRequest('tok', { ...row, status: 'closed', publicResult: '已办结' })).toMatchObject({ status: 'closed', status_notes: '已办结', expected_datetime: null });
  });
});
