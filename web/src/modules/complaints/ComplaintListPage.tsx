import { Button, Checkbox, Form, Grid, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate } from '../../app/format';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import './complaints.pages.i18n';
import { complaintsApi, type ComplaintQuery, type ComplaintRow } from './complaints.api';
import { complaintPath, KindTag, NextClock, ReporterText, StatusTag, UrgentTag, useKindOptions, useStatusOptions, useTopics } from './labels';

function toQuery({ overdue, urgent, q, ...rest }: FilterValues): Partial<ComplaintQuery> {
  return {
    ...(rest as Partial<ComplaintQuery>),
    // unticked means "any", not "not overdue"
    overdue: overdue ? true : undefined,
    urgent: urgent ? true : undefined,
    q: (q as string | undefined)?.trim(),
  };
}

/** 投诉举报列表: every item in the user's scope, its next clock, filters in the URL, export. */
export function ComplaintListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const regions = useRegions();
  const topics = useTopics();
  const kindOptions = useKindOptions();
  const statusOptions = useStatusOptions();
  // counties (and the city) only: the routed bureau's region
  const countyOptions = regions.regions.filter((r) => r.level <= Math.min(...regions.regions.map((x) => x.level)) + 1).map((r) => ({ value: r.code, label: r.name }));

  const screens = Grid.useBreakpoint();
  // a phone: one column holding what the row says (number, tags, subject, next clock), no sideways scroll
  const compact: TableColumnsType<ComplaintRow> = [
    {
      title: t('complaints.listTitle'),
      key: 'item',
      render: (_: unknown, c) => (
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Space size={4} wrap>
            <Typography.Text strong style={{ fontFamily: 'monospace' }}>
              {c.trackingNo}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDate(c.receivedAt)}
            </Typography.Text>
          </Space>
          <Space size={0} wrap>
            <KindTag kind={c.kind} />
            <StatusTag status={c.status} />
            <UrgentTag urgent={c.urgent} />
          </Space>
          <span>{c.subjectName ?? t('common.none')}</span>
          <NextClock deadline={c.nextClock} />
        </Space>
      ),
    },
  ];
  const full: TableColumnsType<ComplaintRow> = [
    {
      title: t('complaints.trackingNo'),
      dataIndex: 'trackingNo',
      className: 'zj-nowrap',
      render: (v: string, c) => (
        <Space direction="vertical" size={0}>
          <Typography.Link style={{ fontFamily: 'monospace' }} onClick={() => navigate(complaintPath(c.id))}>
            {v}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDate(c.receivedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('complaints.kind'),
      dataIndex: 'kind',
      className: 'zj-nowrap',
      render: (_: unknown, c) => (
        <Space size={0} wrap>
          <KindTag kind={c.kind} />
          <UrgentTag urgent={c.urgent} />
        </Space>
      ),
    },
    { title: t('complaints.subject'), dataIndex: 'subjectName', render: (v: string | null) => v ?? t('common.none') },
    { title: t('complaints.topic'), dataIndex: 'topic', responsive: ['md'], render: (v: string) => topics.topicName(v) },
    { title: t('complaints.bureau'), dataIndex: 'orgName', responsive: ['lg'], render: (v: string | null | undefined, c) => v ?? c.regionName ?? regions.nameOf(c.regionCode) },
    { title: t('complaints.status'), dataIndex: 'status', className: 'zj-nowrap', render: (_: unknown, c) => <StatusTag status={c.status} /> },
    { title: t('complaints.nextClock'), key: 'clock', className: 'zj-nowrap', render: (_: unknown, c) => <NextClock deadline={c.nextClock} /> },
    { title: t('complaints.reporter'), key: 'reporter', responsive: ['lg'], render: (_: unknown, c) => <ReporterText reporter={c.reporter} /> },
  ];

  return (
    <ListPage<ComplaintRow, ComplaintQuery>
      title={t('complaints.listTitle')}
      fetch={complaintsApi.list}
      exportUrl={complaintsApi.exportUrl}
      rowKey="id"
      columns={screens.sm === false ? compact : full}
      toQuery={toQuery}
      tableProps={{
        scroll: { x: 'max-content' },
        onRow: (c) => ({ onClick: () => navigate(complaintPath(c.id)), style: { cursor: 'pointer' } }),
      }}
      toolbar={
        <Space wrap>
          {can('complaint.import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/complaints/import')}>
              {t('complaints.import')}
            </Button>
          )}
          {can('complaint.intake') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/complaints/new')}>
              {t('complaints.create')}
            </Button>
          )}
        </Space>
      }
      filters={
        <>
          <Form.Item name="q" label={t('complaints.q')}>
            <Input allowClear placeholder={t('complaints.qPlaceholder')} style={{ width: 240, maxWidth: '100%' }} />
          </Form.Item>
          <Form.Item name="kind" label={t('complaints.kind')}>
            <Select allowClear style={{ width: 110 }} options={kindOptions} />
          </Form.Item>
          <Form.Item name="status" label={t('complaints.status')}>
            <Select allowClear style={{ width: 120 }} options={statusOptions} />
          </Form.Item>
          <Form.Item name="topic" label={t('complaints.topic')}>
            <Select allowClear style={{ width: 140 }} options={topics.topicOptions} loading={topics.loading} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('complaints.region')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} options={countyOptions} loading={regions.loading} />
          </Form.Item>
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox>{t('complaints.overdueOnly')}</Checkbox>
          </Form.Item>
          <Form.Item name="urgent" valuePropName="checked">
            <Checkbox>{t('complaints.urgentOnly')}</Checkbox>
          </Form.Item>
        </>
      }
    />
  );
}
