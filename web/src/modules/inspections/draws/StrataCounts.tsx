import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { withNote } from '../../../app/i18n/punctuation';
import { useDrawLabels } from '../labels';
import '../draws.pages.i18n';

export interface StratumCount {
  name: string;
  /** Candidates in the stratum. */
  n: number;
  /** How many are drawn from it. */
  k: number;
  /** The credit class behind a neutral label (`S1`…), for users with draw.audit; null otherwise. */
  className?: string | null;
}

/**
 * How many candidates each stratum holds and how many are drawn, with the total. `labelled`: the
 * names are neutral labels (`S1`…, a `/2` draw), shown as they are (with the class when known);
 * otherwise they are credit classes (the plan's preview, a `/1` draw).
 */
export function StrataCounts({ strata, testId, labelled = false }: { strata: StratumCount[]; testId: string; labelled?: boolean }) {
  const { t } = useTranslation();
  const labels = useDrawLabels();
  const nameOf = (s: StratumCount) => {
    if (!labelled) return labels.stratum(s.name);
    return s.className ? withNote(t, s.name, labels.stratum(s.className)) : s.name;
  };
  const columns: TableColumnsType<StratumCount> = [
    { title: t(labelled ? 'draws.ceremony.stratumLabel' : 'draws.ceremony.stratum'), dataIndex: 'name', render: (_: string, s) => nameOf(s) },
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
