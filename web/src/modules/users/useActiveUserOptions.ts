import type { TFunction } from 'i18next';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { useNotifyError } from '../../app/errors';
import { useAsync } from '../../app/hooks/useAsync';
import { phrasesOf, withNote } from '../../app/i18n/punctuation';
import { usersApi } from './users.api';

/** A user as a select option shows it: "name（username，org）". */
export const userOptionLabel = (t: TFunction, u: { displayName: string; username: string; orgName: string }) =>
  withNote(t, u.displayName, phrasesOf(t, [u.username, u.orgName]));

/**
 * The active users the current user can see (the server checks the rest), as select options.
 * Loaded only when `enabled` (e.g. while the form is open) and when the user may list users
 * (`user.read`; `allowed` says so, to offer the picker only then); a failure is shown, never swallowed.
 */
export function useActiveUserOptions(enabled = true) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notifyError = useNotifyError();
  const allowed = can('user.read');
  const load = enabled && allowed;
  const { data, loading, error } = useAsync(() => (load ? usersApi.list({ pageSize: 500 }) : Promise.resolve(undefined)), String(load));
  useEffect(() => {
    if (error) notifyError(error);
  }, [error, notifyError]);
  const options = useMemo(
    () => (data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: userOptionLabel(t, u) })),
    [data, t],
  );
  return { options, loading: load && loading, allowed, error };
}
