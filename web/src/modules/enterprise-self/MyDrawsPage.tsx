import { Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { enterpriseSelfApi } from './enterpriseSelf.api';
import { SelfFrame } from './SelfFrame';

const PAGE_SIZE = 20;

/** 抽取记录: the draws the enterprise was in, with its blinded id and nonce to verify on the public record. */
export function MyDrawsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(() => enterpriseSelfApi.draws({ page, pageSize: PAGE_SIZE }), page);
  return (
    <SelfFrame title={t('entSelf.drawsTitle')} error={error} testId="my-draws">
      <Typography.Text type="secondary">{t('entSelf.drawsHint')}</Typography.Text>
      <Card styles={{ body: { padding: '4px 16px' } }}>
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('entSelf.none') }}
          pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, size: 'small' } : false}
          renderItem={(d) => (
            <List.Item key={d.drawId} data-testid="my-draw">
              <Space direction="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
                <Space wrap size={4}>
                  <Typography.Text strong>{d.planName}</Typography.Text>
                  {d.status === 'committed' ? <Tag color="blue">{t('entSelf.notRevealed')}</Tag> : <Tag color={d.selected ? 'orange' : 'default'}>{t(d.selected ? 'entSelf.drawn' : 'entSelf.notDrawn')}</Tag>}
                </Space>
                {d.committedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(d.revealedAt ?? d.committedAt)}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('entSelf.blindedId')}
                </Typography.Text>
                <Typography.Paragraph copyable style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all', margin: 0 }}>
                  {d.blindedId}
                </Typography.Paragraph>
                {d.nonce && (
                  <>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('entSelf.nonce')}
                    </Typography.Text>
                    <Typography.Paragraph copyable style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all', margin: 0 }}>
                      {d.nonce}
                    </Typography.Paragraph>
                  </>
                )}
                <Link to={`/public/draws/${d.drawId}`}>{t('entSelf.viewDraw')}</Link>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </SelfFrame>
  );
}
