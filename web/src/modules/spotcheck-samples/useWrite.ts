import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale } from '../../api/client';
import { errorText } from '../../app/errorText';

/**
 * Runs a write: shows 已保存 or the server's error (Chinese message from the error shape); a stale
 * version (412) reloads the record so the user sees what changed. `busy` while it runs.
 */
export function useWrite(reload: () => void) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async <T,>(write: () => Promise<T>, done?: (value: T) => void): Promise<boolean> => {
    setBusy(true);
    try {
      const value = await write();
      void message.success(t('common.saved'));
      done?.(value);
      reload();
      return true;
    } catch (err) {
      void message.error(errorText(err, t));
      if (isStale(err)) reload();
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}
