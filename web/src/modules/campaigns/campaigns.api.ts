/**
 * Calls of the campaign pages (issue 18: 专项执法行动; API-SPEC campaigns/). A campaign's lottery is
 * an inspection plan drawn by the draw engine: the draw is committed through the campaign
 * (`POST /api/campaigns/:id/draws`) and revealed like any plan's (`POST /api/draws/:id/reveal`).
 * The campaign types follow the spec; the draw, pool and item types come from the generated schema.
 */
import { api } from '../../api/client';
import type { ListResult, PageQuery, ResponseOf } from '../../api/types';

const enc = encodeURIComponent;

export const PRODUCT_CATEGORIES = ['daily_consumer', 'agricultural_inputs', 'building_materials', 'automotive', 'electrical', 'food_related', 'children', 'other'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];
export const CAMPAIGN_STATUSES = ['planned', 'running', 'finished'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** The staff's view of a draw (commit and reveal answer it). */
export type Draw = ResponseOf<'/api/draws/{id}', 'get'>;
/** A draw of the campaign's plan, in its history. */
export type PlanDraw = ResponseOf<'/api/inspection-plans/{id}/draws', 'get'>['items'][number];
export type Pool = ResponseOf<'/api/object-pools', 'get'>['items'][number];
export type Item = ResponseOf<'/api/inspection-items', 'get'>['items'][number];

export interface Campaign {
  id: string;
  name: string;
  productCategory: ProductCategory;
  description?: string | null;
  startOn: string;
  endOn: string;
  participatingOrgIds: string[];
  /** Names of the participating bureaus, when the server gives them. */
  participatingOrgs?: { id: string; name: string }[];
  poolId: string;
  poolName?: string | null;
  itemId: string;
  itemName?: string | null;
  planId: string;
  targetCount: number;
  status: CampaignStatus;
  regionCode: string;
  orgId: string;
  orgName?: string | null;
  createdByName: string;
  version: number;
  createdAt: string;
}

/** The tasks of the campaign's plan: how many, done, with findings. */
export interface TaskSummary {
  total: number;
  done: number;
  withFindings: number;
  [key: string]: number;
}

export interface CampaignCase {
  id: string;
  caseNo: string;
  stage: string;
  partyName: string;
  uscc?: string | null;
  orgName?: string | null;
  foundOn?: string | null;
  decidedOn?: string | null;
}

/** `GET /api/campaigns/:id`: the campaign with its plan, draws, tasks summary and cases. */
export interface CampaignDetail extends Campaign {
  plan?: { id: string; name: string; year: number; quarters?: number[] } | null;
  draws?: PlanDraw[];
  tasks?: TaskSummary | null;
  cases?: CampaignCase[];
}

export interface CampaignInput {
  name: string;
  productCategory: ProductCategory;
  description?: string;
  startOn: string;
  endOn: string;
  participatingOrgIds: string[];
  poolId: string;
  itemId: string;
  targetCount: number;
}

export interface CampaignQuery extends PageQuery {
  q?: string;
  status?: CampaignStatus;
  year?: number;
}

const path = (id: string) => `/api/campaigns/${enc(id)}`;

export const campaignsApi = {
  list: (q: CampaignQuery) => api.get<ListResult<Campaign>>('/api/campaigns', q),
  get: (id: string) => api.get<CampaignDetail>(path(id)),
  create: (input: CampaignInput) => api.post<Campaign>('/api/campaigns', input),
  /** Commits the lottery of the campaign's plan (candidates and inspector pool frozen, commitment published). */
  commitDraw: (id: string) => api.post<Draw>(`${path(id)}/draws`),
  reveal: (drawId: string, witnessInput: string) => api.post<Draw>(`/api/draws/${enc(drawId)}/reveal`, { witnessInput }),
  draws: (planId: string) => api.get<ListResult<PlanDraw>>(`/api/inspection-plans/${enc(planId)}/draws`),
  draw: (drawId: string) => api.get<Draw>(`/api/draws/${enc(drawId)}`),
  /** The cases found in the campaign (the cases list's `campaignId` filter). */
  cases: (id: string) => api.get<ListResult<CampaignCase>>('/api/cases', { campaignId: id, pageSize: 100 }),
  pools: () => api.get<ListResult<Pool>>('/api/object-pools'),
  items: () => api.get<ListResult<Item>>('/api/inspection-items', { active: true, pageSize: 100 }),
  reportUrl: (id: string, format: 'docx' | 'xlsx') => `${path(id)}/report.${format}`,
};

/** The public page of a draw (its record and the in-browser verifier; no login). */
export const publicDrawPath = (id: string) => `/public/draws/${enc(id)}`;
export const campaignPath = (id: string) => `/campaigns/${enc(id)}`;
export const casePath = (id: string) => `/cases/${enc(id)}`;
export const planPath = (id: string) => `/inspection-plans/${enc(id)}`;
