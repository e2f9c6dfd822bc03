import { Alert, Form, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { publicDrawsApi, type PublicDrawItem } from '../inspections.api';
import { publicDrawPath, thisYear } from '../shared';
import { PublicDrawFrame } from './PublicDrawFrame';

/** This year, the next and the four before, newest first. */
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear() + 1 - i).map((y) => ({ value: y, label: String(y) }));

/** 抽取结果公示: every revealed draw, newest first, optionally of one plan year. No login. */
export function PublicDrawListPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState<number | null>(null);
  const list = useAsync(() => publicDrawsApi.list(year ?? undefined), String(year));
  const label = (key: string) => t(`draws.public.${key}`);

  const columns: TableColumnsType<PublicDrawItem> = [
    { title: label('planName'), dataIndex: 'planName', render: (v: string, d) => <Link to={publicDrawPath(d.id)}>{v}</Link> },
    { title: label('revealedAt'), dataIndex: 'revealedAt', width: 200, render: (v: string | null) => formatDateTime(v) },
  ];

  return (
    <PublicDrawFrame title={label('listTitle')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label={label('year')}>
            <Select allowClear value={year} onChange={(v: number | undefined) => setYear(v ?? null)} options={YEARS} style={{ width: 140 }} />
          </Form.Item>
        </Form>
        {list.error ? <Alert type="error" showIcon message={errorText(list.error, t)} /> : null}
        <Table<PublicDrawItem>
          data-testid="public-draws"
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: label('empty') }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        />
      </Space>
    </PublicDrawFrame>
  );
}
