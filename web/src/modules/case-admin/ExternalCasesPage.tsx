import { Alert, Form, Input, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../app/format';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { caseAdminApi, type ExternalCase, type ExternalCaseQuery } from './caseAdmin.api';
import './caseAdmin.pages.i18n';

const toQuery = ({ q, uscc, ...rest }: FilterValues): Partial<ExternalCaseQuery> => ({
  ...(rest as Partial<ExternalCaseQuery>),
  q: (q as string | undefined)?.trim(),
  uscc: (uscc as string | undefined)?.replace(/\s/g, '').toUpperCase(),
});

/** 其他部门案件: case summaries other departments posted through the exchange (read only). */
export function ExternalCasesPage() {
  const { t } = useTranslation();
  const label = (key: string) => t(`caseAdmin.external.${key}`);
  const columns: TableColumnsType<ExternalCase> = [
    { title: label('org'), dataIndex: 'orgName', className: 'zj-nowrap', render: (v: string | null | undefined) => v ?? t('common.none') },
    { title: label('externalNo'), dataIndex: 'externalNo', className: 'zj-nowrap', render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text> },
    {
      title: label('partyName'),
      dataIndex: 'partyName',
      render: (v: string, c) => (
        <span>
          {v}
          {c.uscc && (
            <Typography.Text type="secondary" style={{ display: 'block', fontFamily: 'monospace', fontSize: 12 }}>
              {c.uscc}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: label('summary'), dataIndex: 'summary', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
    { title: label('status'), dataIndex: 'status', className: 'zj-nowrap' },
    { title: label('decidedOn'), dataIndex: 'decidedOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null | undefined) => formatDate(v) },
    { title: label('penaltyText'), dataIndex: 'penaltyText', responsive: ['lg'], render: (v: string | null | undefined) => v ?? t('common.none') },
    { title: label('postedAt'), dataIndex: 'updatedAt', className: 'zj-nowrap', responsive: ['lg'], render: (v: string | undefined, c) => formatDateTime(v ?? c.postedAt) },
  ];
  return (
    <ListPage<ExternalCase, ExternalCaseQuery>
      title={label('title')}
      fetch={caseAdminApi.externalCases}
      rowKey="id"
      columns={columns}
      toQuery={toQuery}
      tableProps={{ scroll: { x: 'max-content' } }}
      banner={<Alert type="info" showIcon message={label('intro')} style={{ marginBottom: 16 }} />}
      filters={
        <>
          <Form.Item name="q" label={label('q')}>
            <Input allowClear placeholder={label('qPlaceholder')} style={{ width: 220, maxWidth: '100%' }} />
          </Form.Item>
          <Form.Item name="uscc" label={label('uscc')}>
            <Input allowClear maxLength={24} style={{ width: 220, maxWidth: '100%', fontFamily: 'monospace' }} />
          </Form.Item>
        </>
      }
    />
  );
}
