import { useMemo } from 'react';
import { useAsync } from '../../app/hooks/useAsync';
import { licencesApi, type LicenceType } from './licences.api';

export interface LicenceTypeLookup {
  byKey: (key: string | undefined) => LicenceType | undefined;
  /** Every type, for filters (historic ones included: their licences can still be read). */
  options: { value: string; label: string }[];
  /** For issuing: historic types are shown but cannot be chosen. */
  issueOptions: { value: string; label: string; disabled: boolean }[];
  loading: boolean;
}

/** The licence types, as select options and a lookup by key. */
export function useLicenceTypes(): LicenceTypeLookup {
  const { data, loading } = useAsync(licencesApi.types);
  return useMemo(() => {
    const types = data?.items ?? [];
    const byKey = new Map(types.map((type) => [type.key, type]));
    return {
      loading,
      byKey: (key) => (key ? byKey.get(key) : undefined),
      options: types.map((type) => ({ value: type.key, label: type.name })),
      issueOptions: types.map((type) => ({ value: type.key, label: type.name, disabled: type.historic })),
    };
  }, [data, loading]);
}
