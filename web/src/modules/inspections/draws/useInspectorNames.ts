import { useCallback, useMemo } from 'react';
import { useAuth } from '../../../app/auth/AuthContext';
import { useAsync } from '../../../app/hooks/useAsync';
import { inspectorsApi } from '../inspections.api';

/** Inspector names by user id, from the inspector pool the user may read (inspection.read); undefined when unknown. */
export function useInspectorNames(): (userId: string) => string | undefined {
  const { can } = useAuth();
  const mayRead = can('inspection.read');
  const { data } = useAsync(() => (mayRead ? inspectorsApi.list({ pageSize: 500 }) : Promise.resolve({ items: [], total: 0 })), String(mayRead));
  const names = useMemo(() => new Map((data?.items ?? []).map((i) => [i.userId, i.displayName])), [data]);
  return useCallback((userId: string) => names.get(userId), [names]);
}
