import { WarningOutlined } from '@ant-design/icons';
import { Space, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The mark of a date counted in working days over a year without holiday data (the API's
 * `certain: false`, `…Certain: false`): ⚠ with the reason as its tooltip and accessible name.
 * Nothing when the date is certain or not counted in working days (`certain` true, null or undefined).
 */
export function UncertainMark({ certain }: { certain: boolean | null | undefined }) {
  const { t } = useTranslation();
  if (certain !== false) return null;
  const reason = t('calendar.uncertainHint');
  return (
    <Tooltip title={reason}>
      <Typography.Text type="warning" data-testid="uncertain-date" aria-label={reason} role="img" style={{ whiteSpace: 'nowrap' }}>
        <WarningOutlined /> {t('calendar.uncertain')}
      </Typography.Text>
    </Tooltip>
  );
}

/** A date (as already formatted in `children`) followed by its uncertainty mark, if any. */
export function WorkingDayDate({ certain, children }: { certain: boolean | null | undefined; children: ReactNode }) {
  if (certain !== false) return <>{children}</>;
  return (
    <Space size={4} wrap={false}>
      {children}
      <UncertainMark certain={certain} />
    </Space>
  );
}
