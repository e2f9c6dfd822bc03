/**
 * The public penalty decisions (issue 18's Contract: `GET /api/public/penalties?uscc&year&page&pageSize`,
 * no login, rate-limited): decisions in their public period only.
 */
import { api } from '../../api/client';
import type { ListResult } from '../../api/types';

export const PENALTY_TYPES = ['warning', 'criticism', 'fine', 'confiscation_gains', 'confiscation', 'suspension', 'revocation'] as const;
export type PenaltyType = (typeof PENALTY_TYPES)[number];

/** One published decision (the Contract's fields; never officers' names or amounts beyond the wording). */
export interface PublicPenalty {
  documentNo: string;
  partyName: string;
  uscc: string | null;
  violation: string;
  penaltyTypes: PenaltyType[];
  penalty: string;
  legalBasis: string;
  decidedOn: string;
  publishedOn: string;
  publicUntil: string;
}

export interface PublicPenaltyQuery {
  uscc?: string;
  year?: number;
  page?: number;
  pageSize?: number;
}

export const publicPenaltiesApi = {
  list: (query: PublicPenaltyQuery) => api.get<ListResult<PublicPenalty>>('/api/public/penalties', query),
};
