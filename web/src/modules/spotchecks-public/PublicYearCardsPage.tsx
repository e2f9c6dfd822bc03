import { List, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListResult } from '../../api/types';
import { useWide } from '../../app/components/plain';
import { useAsync } from '../../app/hooks/useAsync';
import { PublicListAlert, publicYearOptions, usePublicPagination } from '../../app/list/publicList';
import { useListState } from '../../app/list/useListState';
import { SpotcheckPublicFrame } from './SpotcheckPublicFrame';

/**
 * A public list of cards by year (the bulletins, the institutions' choices) in the spot checks'
 * frame: the intro, the year, the rate-limit or error alert, ten cards a page. The words are
 * `scPublic.<part>.title`, `.intro` and `.empty`. No sign-in.
 */
export function PublicYearCardsPage<T>(props: {
  part: 'bulletins' | 'selections';
  testId: string;
  width?: number;
  yearId: string;
  listTestId: string;
  load: (query: { year?: number; page: number; pageSize: number }) => Promise<ListResult<T>>;
  rowKey: (item: T) => string;
  card: (item: T) => ReactNode;
}) {
  const { part, load } = props;
  const { t } = useTranslation();
  const wide = useWide();
  const list = useListState(10);
  const year = typeof list.values.year === 'number' ? list.values.year : undefined;
  const { page, pageSize } = list;
  const result = useAsync(() => load({ year, page, pageSize }), `${year}|${page}|${pageSize}`);
  const label = (key: string) => t(`scPublic.${key}`);
  const pagination = usePublicPagination(list, result.data?.total, wide);
  return (
    <SpotcheckPublicFrame title={label(`${part}.title`)} testId={props.testId} width={props.width}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {label(`${part}.intro`)}
        </Typography.Paragraph>
        <Space wrap>
          <label htmlFor={props.yearId}>{label('year')}</label>
          <Select<number> id={props.yearId} allowClear placeholder={label('allYears')} value={year} onChange={(v) => list.setValues({ year: v })} options={publicYearOptions} style={{ width: 140 }} />
        </Space>
        <PublicListAlert error={result.error} rateLimited={label('rateLimited')} />
        <List<T>
          data-testid={props.listTestId}
          rowKey={props.rowKey}
          split={false}
          dataSource={result.data?.items ?? []}
          loading={result.loading}
          locale={{ emptyText: label(`${part}.empty`) }}
          pagination={pagination}
          renderItem={(item) => <List.Item style={{ padding: '6px 0' }}>{props.card(item)}</List.Item>}
        />
      </Space>
    </SpotcheckPublicFrame>
  );
}
