import { RightOutlined } from '@ant-design/icons';
import { Card, List } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAsync } from '../../app/hooks/useAsync';
import { SelfFrame } from './SelfFrame';

const PAGE_SIZE = 20;

/**
 * One kind of the enterprise's own records as a phone-first page: the frame, then a card list paged
 * by the server; a row with `linkOf` opens its own page.
 */
export function SelfList<T>(props: {
  title: ReactNode;
  testId: string;
  intro?: ReactNode;
  load: (page: { page: number; pageSize: number }) => Promise<{ items: T[]; total: number }>;
  row: (item: T) => ReactNode;
  rowKey: (item: T) => string;
  linkOf?: (item: T) => string;
  rowTestId?: string;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(() => props.load({ page, pageSize: PAGE_SIZE }), page);
  return (
    <SelfFrame title={props.title} error={error} testId={props.testId}>
      {props.intro}
      <Card styles={{ body: { padding: '4px 16px' } }}>
        <List
          loading={loading}
          rowKey={props.rowKey}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('entSelf.none') }}
          pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, size: 'small' } : false}
          renderItem={(item) =>
            props.linkOf ? (
              <List.Item extra={<RightOutlined style={{ color: '#999' }} />}>
                <Link to={props.linkOf(item)} style={{ display: 'block', width: '100%', color: 'inherit' }} data-testid={props.rowTestId}>
                  {props.row(item)}
                </Link>
              </List.Item>
            ) : (
              <List.Item data-testid={props.rowTestId}>{props.row(item)}</List.Item>
            )
          }
        />
      </Card>
    </SelfFrame>
  );
}
