import type { ComplaintStatus } from '../complaints.schema.js';

/**
 * The GeoReport v2 (Open311) shapes and the pure mapping of our items to them (open311/README.md
 * lists every field). JSON only; the field names are the spec's, snake_case.
 */

/** One entry of `GET services.json`. */
export interface GeoService {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** One entry of `GET requests.json` / `GET requests/:id.json`. No personal data, no description (see README). */
export interface GeoRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  media_url: null;
}

/** The answer of `POST requests.json` (one element). */
export interface GeoCreated {
  service_request_id: string;
  service_notice: string;
  account_id: null;
}

/** An error as GeoReport v2 answers them: `code` is the HTTP status. */
export interface GeoError {
  code: number;
  description: string;
}

/** Who answers when an item is routed nowhere more precise (never expected: every item has a bureau). */
export const CITY_BUREAU = '淮安市市场监督管理局';

/** The most `service_request_id`s one `GET requests.json` may name. */
export const MAX_IDS = 50;

/** Longest `address_string` kept: `place` (≤ 200 in intake) also holds the coordinates behind it. */
export const MAX_ADDRESS = 170;

/** The topics with their active categories, as routing gives them to the public form. */
export interface PublicTopics {
  items: { name: string; categories: { key: string; name: string; nameEn: string; urgent: boolean }[] }[];
}

/** `services.json`: one service per active category, grouped by its topic, in the form's order. */
export const toServices = (topics: PublicTopics): GeoService[] => topics.items.flatMap((t) => t.categories.map((c) => toService({ ...c, topicName: t.name })));

/** An active category as `services.json` shows it. */
export function toService(c: { key: string; name: string; nameEn: string; urgent: boolean; topicName: string }): GeoService {
  return {
    service_code: c.key,
    service_name: c.name,
    description: c.urgent ? `${c.topicName}：${c.name}（紧急：运行中的特种设备险情，当日派发处置）` : `${c.topicName}：${c.name}`,
    metadata: false,
    type: 'realtime',
    keywords: [c.topicName, c.nameEn, ...(c.urgent ? ['紧急'] : [])].join(','),
    group: c.topicName,
  };
}

/** A coordinate as the form gives it, or null when it is none (a number within ±max, at most 8 decimals kept). */
export function coordinate(raw: string | undefined, max: number): number | null | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const text = raw.trim();
  if (!/^[+-]?\d{1,3}(\.\d{1,15})?$/.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > max) return null;
  return Math.round(value * 1e8) / 1e8;
}

/**
 * What `place` holds for a filing: the `address_string`; the coordinates as `lat,long` when no
 * address was given; both as `address（lat,long）` (the officer reads the address, the app gets
 * its point back).
 */
export function placeOf(address: string | null, point: { lat: number; long: number } | null): string {
  const coords = point ? `${decimal(point.lat)},${decimal(point.long)}` : null;
  if (address && coords) return `${address}（${coords}）`;
  return (address ?? coords)!;
}

/** A coordinate in plain decimals (never 1e-8). */
const decimal = (n: number) => n.toFixed(8).replace(/\.?0+$/, '');

const POINT = /^(?:([\s\S]*)（)?(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)(）)?$/;

/** `placeOf` backwards: the address and the point of a place written by an Open311 filing. */
export function splitPlace(place: string | null): { address: string | null; lat: number | null; long: number | null } {
  if (!place) return { address: null, lat: null, long: null };
  const m = POINT.exec(place);
  // Both or neither: an address in front of the point needs its closing bracket, a bare point none.
  if (m && (m[1] === undefined) === (m[4] === undefined)) {
    const lat = Number(m[2]);
    const long = Number(m[3]);
    if (Math.abs(lat) <= 90 && Math.abs(long) <= 180) return { address: m[1] || null, lat, long };
  }
  return { address: place, lat: null, long: null };
}

/** An instant as ISO 8601 in China time with its offset (2026-12-06T17:39:33+08:00), as GeoReport asks. */
export function chinaIso(at: Date | string): string {
  const d = at instanceof Date ? at : new Date(at);
  const shifted = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}

/** A due date (China) as the end of that day in China time. */
export const dueIso = (dueOn: string) => `${dueOn}T23:59:59+08:00`;

/** `closed` once the item is closed or refused; `open` otherwise. */
export const geoStatus = (status: ComplaintStatus): 'open' | 'closed' => (status === 'closed' || status === 'refused' ? 'closed' : 'open');

/** What the bureau does next, in words for the filer (never a name). */
export function noticeOf(status: ComplaintStatus): string {
  switch (status) {
    case 'received':
      return '已登记，待受理；举报线索自收到之日起 15 个工作日内核查（可延长 15 个工作日）';
    case 'accepted':
    case 'verifying':
    case 'mediating':
      return '正在办理，办结后将在此公布处理结果';
    case 'refused':
      return '不予受理，理由见 status_notes';
    case 'closed':
      return '已办结，处理结果见 status_notes';
  }
}

/** The notice given with a new filing. */
export const CREATED_NOTICE = '已收到您的举报。请保存 service_request_id，凭它查询办理进度和处理结果；举报线索自收到之日起 15 个工作日内核查（可延长 15 个工作日）。';

/** One item's row as `readRequests` reads it. */
export interface RequestRow {
  status: ComplaintStatus;
  publicResult: string | null;
  category: string | null;
  categoryName: string | null;
  topic: string;
  topicName: string | null;
  orgName: string | null;
  place: string | null;
  receivedAt: Date | string;
  updatedAt: Date | string;
  nextDueOn: string | null;
}

/** An item as GeoReport v2 shows it to whoever holds its `service_request_id`. */
export function toRequest(token: string, row: RequestRow): GeoRequest {
  const { address, lat, long } = splitPlace(row.place);
  const status = geoStatus(row.status);
  return {
    service_request_id: token,
    status,
    status_notes: row.publicResult,
    service_name: row.categoryName ?? row.topicName ?? row.topic,
    service_code: row.category ?? row.topic,
    agency_responsible: row.orgName ?? CITY_BUREAU,
    service_notice: noticeOf(row.status),
    requested_datetime: chinaIso(row.receivedAt),
    updated_datetime: chinaIso(row.updatedAt),
    expected_datetime: status === 'open' && row.nextDueOn ? dueIso(row.nextDueOn) : null,
    address,
    lat,
    long,
    media_url: null,
  };
}
