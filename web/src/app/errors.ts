import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, isStale } from '../api/client';

/** The text to show for an error: the server's (Chinese) message, or a generic one. */
export function errorText(err: unknown, t: TFunction): string {
  if (isStale(err)) return t('errors.stale');
  if (err instanceof ApiError) return err.status === 0 ? t('errors.network') : err.message;
  if (err instanceof Error && err.message) return err.message;
  return t('errors.loadFailed');
}

/** Returns a function that shows an error as a toast message. */
export function useNotifyError(): (err: unknown) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      void message.error(errorText(err, t));
    },
    [message, t],
  );
}
