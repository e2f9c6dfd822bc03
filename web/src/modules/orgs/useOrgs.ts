import { useMemo } from 'react';
import type { Org } from '../../api/types';
import { useAsync } from '../../app/hooks/useAsync';
import { orgsApi } from './orgs.api';

export interface OrgLookup {
  orgs: Org[];
  options: { value: string; label: string }[];
  loading: boolean;
  reload: () => void;
}

/**
 * Every org visible to the caller (GET /api/orgs?pageSize=500), for trees and selects.
 * Pass `enabled = false` when the user may not read orgs: nothing is fetched.
 */
export function useOrgs(enabled = true, reloadToken = 0): OrgLookup {
  const { data, loading, reload } = useAsync(
    () => (enabled ? orgsApi.all() : Promise.resolve({ items: [], total: 0 })),
    `${enabled}:${reloadToken}`,
  );
  return useMemo(() => {
    const orgs = data?.items ?? [];
    return {
      orgs,
      loading,
      reload,
      options: orgs.map((o) => ({ value: o.id, label: o.name })),
    };
  }, [data, loading, reload]);
}
