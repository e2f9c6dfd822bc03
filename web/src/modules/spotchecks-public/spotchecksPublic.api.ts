/**
 * The public side of product quality spot checks (issue 19, /work/notes/API-SPEC.md § publication,
 * institutions, draws) and the enterprise's own samples (`/api/my/spotchecks`); types from the
 * generated schema.
 */
import { api } from '../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../api/types';

const enc = encodeURIComponent;

/** One published result (a sample in a published bulletin). */
export type PublicResult = ResponseOf<'/api/public/spotcheck-results', 'get'>['items'][number];
export type PublicResultQuery = QueryOf<'/api/public/spotcheck-results', 'get'>;
export type PublicBulletinRow = ResponseOf<'/api/public/spotcheck-bulletins', 'get'>['items'][number];
export type PublicBulletinQuery = QueryOf<'/api/public/spotcheck-bulletins', 'get'>;
export type PublicBulletin = ResponseOf<'/api/public/spotcheck-bulletins/{id}', 'get'>;
export type PublicSelection = ResponseOf<'/api/public/spotcheck-selections', 'get'>['items'][number];
export type PublicSelectionQuery = QueryOf<'/api/public/spotcheck-selections', 'get'>;
/** A spot check draw's public record (`zhijian-draw/2`, docs/DRAW.md; an empty inspector pool). */
export type SpotcheckDrawRecord = ResponseOf<'/api/public/spotcheck-draws/{id}', 'get'>;

export type MySpotcheckRow = ResponseOf<'/api/my/spotchecks', 'get'>['items'][number];
export type MySpotcheck = ResponseOf<'/api/my/spotchecks/{id}', 'get'>;
export type MyObjectionInput = BodyOf<'/api/my/spotchecks/{id}/objection', 'post'>;
export type Conclusion = 'pass' | 'fail';
export type ObjectionStatus = NonNullable<MySpotcheck['objection']>['status'];

/** The JSON address of a spot check draw's public record. */
export const drawRecordUrl = (id: string) => `/api/public/spotcheck-draws/${enc(id)}`;
/** The public page of a spot check draw. */
export const drawPagePath = (id: string) => `/public/spotcheck-draws/${enc(id)}`;
export const bulletinPagePath = (id: string) => `/public/spotcheck-bulletins/${enc(id)}`;
export const mySpotcheckPath = (id: string) => `/my/spotchecks/${enc(id)}`;

export const spotchecksPublicApi = {
  results: (query: PublicResultQuery) => api.get<ListResult<PublicResult>>('/api/public/spotcheck-results', query),
  bulletins: (query: PublicBulletinQuery) => api.get<ListResult<PublicBulletinRow>>('/api/public/spotcheck-bulletins', query),
  bulletin: (id: string) => api.get<PublicBulletin>(`/api/public/spotcheck-bulletins/${enc(id)}`),
  selections: (query: PublicSelectionQuery) => api.get<ListResult<PublicSelection>>('/api/public/spotcheck-selections', query),
  draw: (id: string) => api.get<SpotcheckDrawRecord>(drawRecordUrl(id)),
};

export const mySpotchecksApi = {
  list: (query: { page: number; pageSize: number }) => api.get<ListResult<MySpotcheckRow>>('/api/my/spotchecks', query),
  get: (id: string) => api.get<MySpotcheck>(`/api/my/spotchecks/${enc(id)}`),
  /** 检验结果通知书 (.docx), downloaded by a link. */
  noticeUrl: (id: string) => `/api/my/spotchecks/${enc(id)}/notice`,
  /** 责令整改通知书 (.docx) of a failed sample, once ordered. */
  orderUrl: (id: string) => `/api/my/spotchecks/${enc(id)}/followup/order`,
  receipt: (s: MySpotcheck) => api.post<MySpotcheck>(`/api/my/spotchecks/${enc(s.id)}/receipt`, {}, s.version),
  objection: (s: MySpotcheck, body: MyObjectionInput) => api.post<unknown>(`/api/my/spotchecks/${enc(s.id)}/objection`, body, s.version),
};
