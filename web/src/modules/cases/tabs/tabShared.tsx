/** What the case page's tabs share: their props, the upload limit, the reload key, a day from a date picker, the load error. */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../app/errors';
import type { Case, CaseAction } from '../cases.api';

export interface TabProps {
  c: Case;
  /** Opens an action's dialog. */
  run: (a: CaseAction) => void;
  allowed: (a: CaseAction) => boolean;
}

export const MAX_BYTES = 20 * 1024 * 1024;
export const key = (c: Case) => `${c.id}:${c.version}`;
export const day = (v: unknown) => (v && typeof v === 'object' && 'format' in v ? (v as { format: (f: string) => string }).format('YYYY-MM-DD') : undefined);

export function Failed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  if (!error) return null;
  return (
    <Typography.Text type="danger" onClick={() => notifyError(error)}>
      {(error as Error).message || t('errors.loadFailed')}
    </Typography.Text>
  );
}
