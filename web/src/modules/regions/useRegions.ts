import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../api/types';
import { useAsync } from '../../app/hooks/useAsync';
import { withNote } from '../../app/i18n/punctuation';
import { regionsApi } from './regions.api';

export interface RegionLookup {
  regions: Region[];
  nameOf: (code: string | null | undefined) => string;
  options: { value: string; label: string }[];
  loading: boolean;
}

/** All regions, as a list, select options (indented by level) and a name lookup. */
export function useRegions(): RegionLookup {
  const { t } = useTranslation();
  const { data, loading } = useAsync(regionsApi.list);
  return useMemo(() => {
    const regions = data?.items ?? [];
    const byCode = new Map(regions.map((r) => [r.code, r]));
    const minLevel = Math.min(...regions.map((r) => r.level));
    return {
      regions,
      loading,
      nameOf: (code) => (code ? (byCode.get(code)?.name ?? code) : ''),
      options: regions.map((r) => ({
        value: r.code,
        label: `${'\u3000'.repeat(Math.max(0, r.level - minLevel))}${withNote(t, r.name, r.code)}`,
      })),
    };
  }, [data, loading, t]);
}
