/**
 * The public penalty decisions (issue 18's Contract: `GET /api/public/penalties?uscc&year&page&pageSize`,
 * no login, rate-limited): decisions in their public period only; types from the generated schema.
 */
import { api } from '../../api/client';
import type { ListResult, QueryOf, ResponseOf } from '../../api/types';

/** One published decision (never officers' names or amounts beyond the decision's wording). */
export type PublicPenalty = ResponseOf<'/api/public/penalties', 'get'>['items'][number];
export type PublicPenaltyQuery = QueryOf<'/api/public/penalties', 'get'>;
export type PenaltyType = PublicPenalty['penaltyTypes'][number];

export const publicPenaltiesApi = {
  list: (query: PublicPenaltyQuery) => api.get<ListResult<PublicPenalty>>('/api/public/penalties', query),
};
