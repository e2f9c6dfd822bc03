import type { TFunction } from 'i18next';
import { ApiError, isStale } from '../api/client';

/** The text to show for an error: the server's (Chinese) message, or a generic one. */
export function errorText(err: unknown, t: TFunction): string {
  if (isStale(err)) return t('errors.stale');
  if (err instanceof ApiError) return err.status === 0 ? t('errors.network') : err.message;
  if (err instanceof Error && err.message) return err.message;
  return t('errors.loadFailed');
}
