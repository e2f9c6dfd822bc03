import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import type { EnterpriseTabProps } from '../enterprises';
import './cases.pages.i18n';
import { casePath, casesApi, type CaseRow } from './cases.api';
import { CaseFlags, StageTag } from './labels';

/** The enterprise detail tab listing the cases against it (by its USCC, in the user's scope), newest first. */
export function EnterpriseCasesTab({ enterprise }: EnterpriseTabProps) {
  const { t } = useTranslation();
  const { data, loading } = useAsync(() => casesApi.list({ q: enterprise.uscc, page: 1, pageSize: 100 }), enterprise.uscc);
  const columns: TableColumnsType<CaseRow> = [
    {
      title: t('cases.caseNo'),
      dataIndex: 'caseNo',
      className: 'zj-nowrap',
      render: (v: string, c) => (
        <Link to={casePath(c.id)} style={{ fontFamily: 'monospace' }}>
          {v}
        </Link>
      ),
    },
    { title: t('cases.stage'), dataIndex: 'stage', render: (_: unknown, c) => <StageTag stage={c.stage} /> },
    { title: t('cases.summary'), dataIndex: 'summary', render: (v: string) => <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 360 }}>{v}</Typography.Text> },
    { title: t('cases.foundOn'), dataIndex: 'foundOn', className: 'zj-nowrap', render: (v: string) => formatDate(v) },
    { title: t('cases.decidedOn'), dataIndex: 'decidedOn', className: 'zj-nowrap', render: (v: string | null) => (v ? formatDate(v) : '—') },
    { title: t('cases.flags'), key: 'flags', render: (_: unknown, c) => <CaseFlags supervised={c.supervised} joint={c.joint} transferred={c.transferred} /> },
  ];
  // The keyword also matches case numbers and party names: keep only the cases of this enterprise.
  const items = data?.items.filter((c) => c.uscc === enterprise.uscc);
  return <Table<CaseRow> size="middle" rowKey="id" columns={columns} dataSource={items} loading={loading} scroll={{ x: 800 }} pagination={false} />;
}
