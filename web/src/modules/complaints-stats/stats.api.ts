/**
 * The statistics of complaints and reports (`GET /api/complaint-stats`, stats/stats.routes.ts) and
 * their export. The answer's shape is written out here (as the route declares it) so the page
 * compiles before the generated types carry the route.
 */
import { api, buildUrl } from '../../api/client';
import type { ExportFormat } from '../../api/types';

export interface StatsQuery {
  from?: string;
  to?: string;
  regionCode?: string;
}

export interface RepeatSubject {
  uscc: string;
  name: string;
  regionCode: string;
  count: number;
}

export interface ComplaintStats {
  from: string | null;
  to: string | null;
  total: number;
  byKind: { kind: string; count: number }[];
  byTopic: { topic: string; name: string; count: number }[];
  /** By handling bureau (county bureau or the city bureau). */
  byCounty: { orgId: string; regionCode: string; name: string; count: number }[];
  byChannel: { channel: string; count: number }[];
  /** Per month; per kind as well when the server gives `kind` (then one row per month and kind). */
  byMonth: { month: string; count: number; kind?: string }[];
  onTime: { kind: string; due: number; metOnTime: number; late: number; open: number; rate: number | null }[];
  substantiated: { decided: number; substantiated: number; rate: number | null };
  satisfaction: { rated: number; satisfied: number; rate: number | null };
  urgent: { count: number; acknowledged: number; meanAckMinutes: number | null };
  repeatSubjects: RepeatSubject[];
  repeatSubjectThreshold?: number;
  repeatSubjectsSince?: string;
}

export const statsApi = {
  get: (query: StatsQuery) => api.get<ComplaintStats>('/api/complaint-stats', query),
  exportUrl: (format: ExportFormat, query: StatsQuery) => buildUrl('/api/complaint-stats/export', { format, ...query }),
};
