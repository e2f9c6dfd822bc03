import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { useAsync } from '../../app/hooks/useAsync';
import { roleLabel } from './roleLabel';
import { rolesApi } from './roles.api';

/** All roles (when the user may read them), with select options and a label lookup. */
export function useRoles(enabled = true, reloadToken = 0) {
  const { t } = useTranslation();
  const { data, loading } = useAsync(
    () => (enabled ? rolesApi.list({ pageSize: 500 }) : Promise.resolve({ items: [] as Role[], total: 0 })),
    `${enabled}:${reloadToken}`,
  );
  return useMemo(() => {
    const roles = data?.items ?? [];
    const byKey = new Map(roles.map((r) => [r.key, r]));
    const labelOf = (key: string) => roleLabel(t, key, byKey.get(key)?.name);
    return {
      roles,
      loading,
      labelOf,
      options: roles.map((r) => ({ value: r.key, label: labelOf(r.key) })),
    };
  }, [data, loading, t]);
}
