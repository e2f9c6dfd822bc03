import { Card, List, Space, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { enterpriseSelfApi } from './enterpriseSelf.api';
import { SelfFrame } from './SelfFrame';

const PAGE_SIZE = 20;
export const LICENCE_STATE_COLORS: Record<string, string> = { normal: 'green', warning: 'orange', changeOrdered: 'gold', suspended: 'volcano', revoked: 'red', cancelled: 'default', withdrawn: 'red', expired: 'default' };

/** 许可证: the enterprise's own licences, as cards (phone first). */
export function MyLicencesPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(() => enterpriseSelfApi.licences({ page, pageSize: PAGE_SIZE }), page);
  return (
    <SelfFrame title={t('entSelf.menuLicences')} error={error} testId="my-licences">
      <Card styles={{ body: { padding: '4px 16px' } }}>
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('entSelf.none') }}
          pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, size: 'small' } : false}
          renderItem={(l) => (
            <List.Item extra={<RightOutlined style={{ color: '#999' }} />}>
              <Link to={`/my/licences/${l.id}`} style={{ display: 'block', width: '100%', color: 'inherit' }}>
                <Space direction="vertical" size={2}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{l.typeName}</Typography.Text>
                    <Tag color={LICENCE_STATE_COLORS[l.state]}>{t(`licenceState.${l.state}`)}</Tag>
                  </Space>
                  <Typography.Text>{l.number}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('entSelf.expiresOn')} {formatDate(l.expiresOn)}
                  </Typography.Text>
                </Space>
              </Link>
            </List.Item>
          )}
        />
      </Card>
    </SelfFrame>
  );
}
