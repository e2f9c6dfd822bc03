/**
 * The statistics of complaints and reports (`GET /api/complaint-stats`, stats/stats.routes.ts) and
 * their export.
 */
import { api, buildUrl } from '../../api/client';
import type { ExportFormat, QueryOf, ResponseOf } from '../../api/types';

// The API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type StatsQuery = QueryOf<'/api/complaint-stats', 'get'>;
export type ComplaintStats = ResponseOf<'/api/complaint-stats', 'get'>;
/** An enterprise complained about at least `repeatSubjectThreshold` times since `repeatSubjectsSince`. */
export type RepeatSubject = ComplaintStats['repeatSubjects'][number];

export const statsApi = {
  get: (query: StatsQuery) => api.get<ComplaintStats>('/api/complaint-stats', query),
  exportUrl: (format: ExportFormat, query: StatsQuery) => buildUrl('/api/complaint-stats/export', { format, ...query }),
};
