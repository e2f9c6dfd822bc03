import { useMemo } from 'react';
import { useAsync } from '../../app/hooks/useAsync';
import { usersApi } from './users.api';

/** The active users the current user can see (the server checks the rest), as select options. */
export function useActiveUserOptions() {
  const { data, loading } = useAsync(() => usersApi.list({ pageSize: 500 }));
  const options = useMemo(
    () => (data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}，${u.orgName}）` })),
    [data],
  );
  return { options, loading };
}
