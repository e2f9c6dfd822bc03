/**
 * The portal's API (issue 20): the public reads (enterprise search, the dishonest list, the
 * bureau's notices, open data), the staff's notice workflow (`/api/portal-notices`, If-Match) and
 * the enterprise's own credit (`/api/my/credit`); types from the generated schema.
 */
import { api } from '../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../api/types';

const enc = encodeURIComponent;

export type EnterpriseHit = ResponseOf<'/api/public/enterprises', 'get'>['items'][number];
export type DishonestRow = ResponseOf<'/api/public/dishonest-list', 'get'>['items'][number];
export type PublicNotice = ResponseOf<'/api/public/notices/{id}', 'get'>;
export type NoticeKind = PublicNotice['kind'];
export type Notice = ResponseOf<'/api/portal-notices/{id}', 'get'>;
export type NoticeStatus = Notice['status'];
export type NoticeQuery = QueryOf<'/api/portal-notices', 'get'>;
export type NoticeInput = BodyOf<'/api/portal-notices', 'post'>;
export type MyCredit = ResponseOf<'/api/my/credit', 'get'>;
export type MyListing = MyCredit['listings'][number];
export type MyRepair = MyCredit['repairs'][number];
export type RepairInput = BodyOf<'/api/my/credit-listings/{id}/repairs', 'post'>;

/** One day's open-data file: its rows, size and SHA-256 of the CSV, and its address. */
export type OpenDataFile = ResponseOf<'/api/public/open-data', 'get'>['items'][number];

export const NOTICE_KINDS: readonly NoticeKind[] = ['notice', 'plan', 'result', 'exposure'];
export const NOTICE_STATUSES: readonly NoticeStatus[] = ['draft', 'pending', 'published', 'withdrawn'];

export const publicNoticePath = (id: string) => `/public/notices/${enc(id)}`;
export const noticeAdminPath = (id: string) => `/portal/notices/${enc(id)}`;
export const enterpriseRecordPath = (uscc: string) => `/public/enterprise?uscc=${enc(uscc)}`;

export const portalPublicApi = {
  /** q: a name fragment (≥ 2 characters) or a USCC prefix (≥ 6); at most 20 a page and 10 pages. */
  enterprises: (query: { q: string; page: number; pageSize: number }) => api.get<ListResult<EnterpriseHit>>('/api/public/enterprises', query),
  dishonest: (query: { q?: string; page: number; pageSize: number }) => api.get<ListResult<DishonestRow>>('/api/public/dishonest-list', query),
  notices: (query: { kind?: NoticeKind; q?: string; page: number; pageSize: number }) => api.get<ListResult<PublicNotice>>('/api/public/notices', query),
  notice: (id: string) => api.get<PublicNotice>(`/api/public/notices/${enc(id)}`),
  openData: () => api.get<ResponseOf<'/api/public/open-data', 'get'>>('/api/public/open-data'),
};

export const noticesApi = {
  list: (query: NoticeQuery) => api.get<ListResult<Notice>>('/api/portal-notices', query),
  get: (id: string) => api.get<Notice>(`/api/portal-notices/${enc(id)}`),
  create: (body: NoticeInput) => api.post<Notice>('/api/portal-notices', body),
  update: (n: Notice, body: Partial<NoticeInput>) => api.patch<Notice>(`/api/portal-notices/${enc(n.id)}`, body, n.version),
  submit: (n: Notice) => api.post<Notice>(`/api/portal-notices/${enc(n.id)}/submit`, {}, n.version),
  approve: (n: Notice) => api.post<Notice>(`/api/portal-notices/${enc(n.id)}/approve`, {}, n.version),
  returnToDraft: (n: Notice, reason: string) => api.post<Notice>(`/api/portal-notices/${enc(n.id)}/return`, { reason }, n.version),
  withdraw: (n: Notice, reason: string) => api.post<Notice>(`/api/portal-notices/${enc(n.id)}/withdraw`, { reason }, n.version),
};

export const myCreditApi = {
  get: () => api.get<MyCredit>('/api/my/credit'),
  answer: (l: MyListing, statement: string) => api.post<MyListing>(`/api/my/credit-listings/${enc(l.id)}/answer`, { statement }, l.version),
  repair: (l: MyListing, body: RepairInput) => api.post<MyRepair>(`/api/my/credit-listings/${enc(l.id)}/repairs`, body),
};
