import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errorText';

export { errorText } from './errorText';

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
