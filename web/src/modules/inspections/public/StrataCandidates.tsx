import { Collapse, List, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicRecord, RecordStratum } from '../draws/drawRecord';
import '../draws.pages.i18n';

const PAGE_SIZE = 20;

/** One stratum's candidates, a page at a time (a stratum may hold a million). */
function CandidatePages({ stratum }: { stratum: RecordStratum }) {
  const selected = new Set(stratum.selected ?? []);
  return (
    <List<string>
      size="small"
      dataSource={stratum.candidates}
      pagination={{ pageSize: PAGE_SIZE, showSizeChanger: false, size: 'small', hideOnSinglePage: true, showLessItems: true }}
      renderItem={(id) => (
        <List.Item style={{ padding: '2px 0', border: 'none' }}>
          <Typography.Text code copyable={{ text: id }} strong={selected.has(id)} style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
            {id}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

/** Each stratum's label with n and k (and how many were drawn), then its candidate list, collapsed. */
export function StrataCandidates({ record }: { record: PublicRecord }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.record.${key}`);
  const revealed = record.strata.some((s) => s.selected !== undefined);
  const columns: TableColumnsType<RecordStratum> = [
    { title: label('stratum'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('draws.ceremony.n'), key: 'n', align: 'right', render: (_, s) => s.n ?? s.candidates.length },
    { title: t('draws.ceremony.k'), dataIndex: 'k', align: 'right' },
    ...(revealed ? [{ title: label('selectedN'), key: 'selected', align: 'right' as const, render: (_: unknown, s: RecordStratum) => s.selected?.length ?? 0 }] : []),
  ];
  return (
    <>
      <Table<RecordStratum> data-testid="draw-strata" size="small" rowKey="name" columns={columns} dataSource={record.strata} pagination={false} />
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 8px' }}>
        {label('candidatesHint')}
      </Typography.Paragraph>
      <Collapse
        size="small"
        destroyOnHidden
        data-testid="draw-candidates"
        items={record.strata.map((s) => ({
          key: s.name,
          label: t('draws.record.candidatesOf', { name: s.name, count: s.candidates.length }),
          children: <CandidatePages stratum={s} />,
        }))}
      />
    </>
  );
}
