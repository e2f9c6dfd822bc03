import { api } from '../../api/client';
import type { AuditEvent, AuditQuery, AuditVerifyResult, ListResult } from '../../api/types';

export const auditApi = {
  list: (query: AuditQuery) => api.get<ListResult<AuditEvent>>('/api/audit', query),
  verify: () => api.get<AuditVerifyResult>('/api/audit/verify'),
};
