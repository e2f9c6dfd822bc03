import { Alert, Button, Space } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { errorText } from '../../../app/errorText';
import { useAsync } from '../../../app/hooks/useAsync';
import { plansApi } from '../inspections.api';
import { StrataCounts } from './StrataCounts';
import '../draws.pages.i18n';

interface Props {
  planId: string;
  /** Freezes the candidates; resolves when the draw is committed (or shown instead). */
  onCommit: () => Promise<void>;
}

/** Step 1: the numbers per stratum under the plan, and the button that freezes the candidates. */
export function PreviewStep({ planId, onCommit }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const preview = useAsync(() => plansApi.preview(planId), planId);
  const [committing, setCommitting] = useState(false);
  const label = (key: string) => t(`draws.ceremony.${key}`);

  if (preview.error) return <Alert type="error" showIcon message={errorText(preview.error, t)} />;
  const empty = preview.data?.total === 0;

  const commit = () => {
    setCommitting(true);
    onCommit().finally(() => setCommitting(false));
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <StrataCounts strata={preview.data?.items ?? []} testId="draw-preview" />
      {empty ? <Alert type="warning" showIcon message={label('nothingToDraw')} /> : <Alert type="info" showIcon message={label('previewHint')} />}
      {can('inspection.plan') && (
        <Button type="primary" size="large" icon={<LockOutlined />} loading={committing} disabled={preview.loading || empty} onClick={commit}>
          {label('commit')}
        </Button>
      )}
    </Space>
  );
}
