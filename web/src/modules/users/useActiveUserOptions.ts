import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../app/hooks/useAsync';
import { phrasesOf, withNote } from '../../app/i18n/punctuation';
import { usersApi } from './users.api';

/** A user as a select option shows it: "name（username，org）". */
export const userOptionLabel = (t: TFunction, u: { displayName: string; username: string; orgName: string }) =>
  withNote(t, u.displayName, phrasesOf(t, [u.username, u.orgName]));

/** The active users the current user can see (the server checks the rest), as select options. */
export function useActiveUserOptions() {
  const { t } = useTranslation();
  const { data, loading } = useAsync(() => usersApi.list({ pageSize: 500 }));
  const options = useMemo(
    () => (data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: userOptionLabel(t, u) })),
    [data, t],
  );
  return { options, loading };
}
