import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDrawLabels } from '../labels';

export interface StratumCount {
  name: string;
  /** Candidates in the stratum. */
  n: number;
  /** How many are drawn from it. */
  k: number;
}

/** How many candidates each credit-class stratum holds and how many are drawn, with the total. */
export function StrataCounts({ strata, testId }: { strata: StratumCount[]; testId: string }) {
  const { t } = useTranslation();
  const labels = useDrawLabels();
  const columns: TableColumnsType<StratumCount> = [
    { title: t('draws.ceremony.stratum'), dataIndex: 'name', render: (v: string) => labels.stratum(v) },
    { title: t('draws.ceremony.n'), dataIndex: 'n', align: 'right' },
    { title: t('draws.ceremony.k'), dataIndex: 'k', align: 'right', render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
  ];
  const total = strata.reduce((sum, s) => sum + s.k, 0);
  return (
    <Table<StratumCount>
      data-testid={testId}
      size="small"
      rowKey="name"
      columns={columns}
      dataSource={strata}
      pagination={false}
      footer={() => <Typography.Text strong>{t('draws.ceremony.total', { count: total })}</Typography.Text>}
    />
  );
}
