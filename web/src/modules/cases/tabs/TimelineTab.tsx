/** 时间线 tab: every action on the case, oldest first. */
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { casesApi } from '../cases.api';
import { Text } from '../labels';
import { Failed, key, type TabProps } from './tabShared';

/** 时间线: every action, oldest first. */
export function TimelineTab({ c }: TabProps) {
  const { t } = useTranslation();
  const { data, error, loading } = useAsync(() => casesApi.events(c.id), key(c));
  if (loading && !data) return <Card loading />;
  if (error) return <Failed error={error} />;
  const items = data?.items ?? [];
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.noEvents')} />;
  return (
    <Timeline
      data-testid="case-timeline"
      items={items.map((e) => ({
        key: e.id,
        color: e.action === 'decline' || e.action === 'transfer' ? 'red' : e.action === 'close' || e.action === 'decide' ? 'green' : 'blue',
        children: (
          <Space direction="vertical" size={0}>
            <Space size={8} wrap>
              <Typography.Text strong>{t(`cases.events.${e.action}`, { defaultValue: e.action })}</Typography.Text>
              {e.toStage && e.toStage !== e.fromStage && <Tag>{t(`cases.stages.${e.toStage}`)}</Tag>}
              <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              {e.actorName && <Typography.Text type="secondary">{[e.actorName, e.orgName].filter(Boolean).join(' · ')}</Typography.Text>}
            </Space>
            {e.note && <Text>{e.note}</Text>}
          </Space>
        ),
      }))}
    />
  );
}
