import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { SelfList } from '../enterprise-self';
import { myComplaintsApi, STATUS_COLORS } from './complaintsPublic.api';
import './complaintsPublic.pages.i18n';

/** 投诉调解 (企业端): the complaints the bureau passed to the enterprise, newest first; never the complainant's identity. */
export function MyComplaintsPage() {
  const { t } = useTranslation();
  return (
    <SelfList
      title={t('complaintsPublic.myTitle')}
      testId="my-complaints"
      intro={<Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('complaintsPublic.myIntro')}</Typography.Paragraph>}
      load={myComplaintsApi.list}
      rowKey={(c) => c.id}
      linkOf={(c) => `/my/complaints/${c.id}`}
      rowTestId="my-complaint-row"
      row={(c) => (
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Space wrap size={4}>
            <Typography.Text strong style={{ fontFamily: 'monospace' }}>{c.trackingNo}</Typography.Text>
            <Tag color={STATUS_COLORS[c.status]}>{t(`complaintsPublic.status.${c.status}`, { defaultValue: c.status })}</Tag>
            {c.canAnswer && !c.enterpriseAnswer && <Tag color="red">{t('complaintsPublic.waitingAnswer')}</Tag>}
          </Space>
          <Typography.Text ellipsis={{ tooltip: false }} style={{ maxWidth: '100%' }}>
            {c.description}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('complaintsPublic.received')} {formatDate(c.receivedOn)}
            {c.enterpriseAnsweredAt ? ` · ${t('complaintsPublic.answeredAt')} ${formatDate(c.enterpriseAnsweredAt)}` : ''}
          </Typography.Text>
        </Space>
      )}
    />
  );
}
