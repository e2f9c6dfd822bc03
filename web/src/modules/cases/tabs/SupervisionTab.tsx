/** 督办 tab: the supervision, its reporting dates and the county's reports. */
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { casesApi } from '../cases.api';
import { DueDate, Text } from '../labels';
import { Failed, key, type TabProps } from './tabShared';

/** 督办: the supervision and its reporting dates with the county's reports. */
export function SupervisionTab({ c, run, allowed }: TabProps) {
  const { t } = useTranslation();
  const { data, error, loading } = useAsync(() => (c.supervised || c.supervision ? casesApi.supervision(c.id) : Promise.resolve({ supervision: null, reports: [] })), key(c));
  const s = data?.supervision;
  const columns: TableColumnsType<NonNullable<typeof data>['reports'][number]> = [
    { title: t('cases.reportDueOn'), dataIndex: 'dueOn', className: 'zj-nowrap', render: (v: string, r) => <DueDate dueOn={v} done={!!r.reportedOn} /> },
    { title: t('cases.reportedOn'), dataIndex: 'reportedOn', className: 'zj-nowrap', render: (v: string | null, r) => (v ? formatDate(v) : r.flaggedAt ? <Tag color="red">{t('cases.reportFlagged')}</Tag> : t('common.none')) },
    { title: t('cases.reportContent'), dataIndex: 'content', render: (v: string | null) => <Text>{v}</Text> },
    { title: t('cases.reportedBy'), dataIndex: 'reportedByName', responsive: ['md'], render: (v: string | null) => v ?? t('common.none') },
  ];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        {allowed('supervise') && !s && (
          <Button type="primary" onClick={() => run('supervise')} data-testid="tab-supervise">
            {t('cases.actions.supervise')}
          </Button>
        )}
        {allowed('report_progress') && (
          <Button type="primary" onClick={() => run('report_progress')} data-testid="action-report_progress">
            {t('cases.actions.report_progress')}
          </Button>
        )}
      </Space>
      <Failed error={error} />
      {loading && !data ? (
        <Card loading />
      ) : !s ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.notSupervised')} />
      ) : (
        <>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            data-testid="case-supervision"
            items={[
              { key: 'org', label: t('cases.supervisingOrg'), children: s.supervisingOrgName ?? t('common.none') },
              { key: 'on', label: t('cases.supervisionStartedOn'), children: [formatDate(s.startedOn), s.startedByName].filter(Boolean).join(' · ') },
              ...(s.documentNo ? [{ key: 'no', label: t('cases.supervisionDocumentNo'), children: s.documentNo }] : []),
              { key: 'reason', label: t('cases.supervisionReason'), span: 'filled' as const, children: <Text>{s.reason}</Text> },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('cases.reports')}
          </Typography.Title>
          <Table size="small" rowKey="id" columns={columns} dataSource={data?.reports ?? []} pagination={false} scroll={{ x: 'max-content' }} />
        </>
      )}
    </Space>
  );
}
