/**
 * Calls of the campaign pages (issue 18: 专项执法行动; API-SPEC campaigns/). A campaign's lottery is
 * an inspection plan drawn by the draw engine: the draw is committed through the campaign
 * (`POST /api/campaigns/:id/draws`) and revealed like any plan's (`POST /api/draws/:id/reveal`).
 * Types from the generated schema.
 */
import { api } from '../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../api/types';

const enc = encodeURIComponent;

/** A row of the campaign list. */
export type Campaign = ResponseOf<'/api/campaigns', 'get'>['items'][number];
/** `GET /api/campaigns/:id`: the campaign with its plan, draws, tasks summary and cases. */
export type CampaignDetail = ResponseOf<'/api/campaigns/{id}', 'get'>;
export type CampaignInput = BodyOf<'/api/campaigns', 'post'>;
export type CampaignQuery = QueryOf<'/api/campaigns', 'get'>;
export type ProductCategory = Campaign['productCategory'];
export type CampaignStatus = Campaign['status'];
export type CampaignCase = CampaignDetail['cases']['items'][number];
export type TaskSummary = CampaignDetail['tasks'];

/** The staff's view of a draw (commit and reveal answer it). */
export type Draw = ResponseOf<'/api/draws/{id}', 'get'>;
/** A draw of the campaign's plan (the detail's `draws`, newest first). */
export type CampaignDraw = CampaignDetail['draws'][number];
export type Pool = ResponseOf<'/api/object-pools', 'get'>['items'][number];
export type Item = ResponseOf<'/api/inspection-items', 'get'>['items'][number];

// Enumerations in display order; a Record makes the compiler insist on every value.
const CATEGORY_ORDER: Record<ProductCategory, number> = { daily_consumer: 1, agricultural_inputs: 2, building_materials: 3, automotive: 4, electrical: 5, food_related: 6, children: 7, other: 8 };
export const PRODUCT_CATEGORIES = Object.keys(CATEGORY_ORDER) as ProductCategory[];
const STATUS_ORDER: Record<CampaignStatus, number> = { planned: 1, running: 2, finished: 3 };
export const CAMPAIGN_STATUSES = Object.keys(STATUS_ORDER) as CampaignStatus[];

const path = (id: string) => `/api/campaigns/${enc(id)}`;

export const campaignsApi = {
  list: (q: CampaignQuery) => api.get<ListResult<Campaign>>('/api/campaigns', q),
  get: (id: string) => api.get<CampaignDetail>(path(id)),
  create: (input: CampaignInput) => api.post<Campaign>('/api/campaigns', input),
  /** Commits the lottery of the campaign's plan (candidates and inspector pool frozen, commitment published). */
  commitDraw: (id: string) => api.post<Draw>(`${path(id)}/draws`),
  reveal: (drawId: string, witnessInput: string) => api.post<Draw>(`/api/draws/${enc(drawId)}/reveal`, { witnessInput }),
  draw: (drawId: string) => api.get<Draw>(`/api/draws/${enc(drawId)}`),
  /** Starts or ends the campaign (forward only: planned → running → finished). */
  setStatus: (c: Pick<Campaign, 'id' | 'version'>, status: 'running' | 'finished') => api.post<CampaignDetail>(`${path(c.id)}/status`, { status }, c.version),
  pools: () => api.get<ListResult<Pool>>('/api/object-pools'),
  pool: (id: string) => api.get<Pool>(`/api/object-pools/${enc(id)}`),
  item: (id: string) => api.get<Item>(`/api/inspection-items/${enc(id)}`),
  items: () => api.get<ListResult<Item>>('/api/inspection-items', { active: true, pageSize: 100 }),
  reportUrl: (id: string, format: 'docx' | 'xlsx') => `${path(id)}/report.${format}`,
};

/** The public page of a draw (its record and the in-browser verifier; no login). */
export const publicDrawPath = (id: string) => `/public/draws/${enc(id)}`;
export const campaignPath = (id: string) => `/campaigns/${enc(id)}`;
export const casePath = (id: string) => `/cases/${enc(id)}`;
export const planPath = (id: string) => `/inspection-plans/${enc(id)}`;
