import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../app/errorText';
import './enterpriseSelf.pages.i18n';

/** The frame of an enterprise account's page: a back link, the title and a narrow column that suits a phone. */
export function SelfFrame({ title, back = '/', backLabel, error, extra, children, testId }: { title: ReactNode; back?: string; backLabel?: string; error?: unknown; extra?: ReactNode; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 820, margin: '0 auto' }} data-testid={testId}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Link to={back}>
          <ArrowLeftOutlined /> {backLabel ?? t('entSelf.back')}
        </Link>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {extra}
        </div>
        {!!error && <Alert type="error" showIcon message={t('entSelf.loadFailed')} description={errorText(error, t)} />}
        {children}
      </Space>
    </div>
  );
}
