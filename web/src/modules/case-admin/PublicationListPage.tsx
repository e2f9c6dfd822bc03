import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { GlobalOutlined, WarningOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { WorkingDayDate } from '../../app/components/UncertainMark';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import { caseAdminApi, casePath, type Publication, type PublicationQuery } from './caseAdmin.api';
import { isoDate, PenaltyTypeTags, PublicationStateTag, usePublicationStatusOptions } from './labels';
import './caseAdmin.pages.i18n';

function toQuery({ overdue, q, ...rest }: FilterValues): Partial<PublicationQuery> {
  return { ...(rest as Partial<PublicationQuery>), overdue: overdue ? true : undefined, q: (q as string | undefined)?.trim() };
}

/** The due date of a pending publication: ⚠ when uncertain (a year without holiday data), red when overdue, orange within 3 days. */
function DueOn({ p }: { p: Publication }) {
  const { t } = useTranslation();
  if (p.status !== 'pending') return <Typography.Text type="secondary">{formatDate(p.dueOn)}</Typography.Text>;
  const overdue = p.overdue;
  const soon = !overdue && todayInChina().add(3, 'day').format('YYYY-MM-DD') >= p.dueOn;
  return (
    <Space size={4} wrap={false}>
      <WorkingDayDate certain={p.dueCertain}>
        <Typography.Text type={overdue ? 'danger' : soon ? 'warning' : undefined}>{formatDate(p.dueOn)}</Typography.Text>
      </WorkingDayDate>
      {overdue ? (
        <Tag color="red" icon={<WarningOutlined />} data-testid="publication-overdue">
          {t('caseAdmin.pub.overdue')}
        </Tag>
      ) : soon ? (
        <Tag color="orange">{t('caseAdmin.pub.dueSoon')}</Tag>
      ) : null}
    </Space>
  );
}

/** 处罚决定公示 (staff): every decision's publication in the user's scope — due dates, overdue ones, publish and early removal. */
export function PublicationListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const rules = useRequiredRules();
  const statusOptions = usePublicationStatusOptions();
  const regions = useRegions();
  // counties (and the city) only: the deciding bureau's region
  const countyOptions = regions.regions.filter((r) => r.level <= Math.min(...regions.regions.map((x) => x.level)) + 1).map((r) => ({ value: r.code, label: r.name }));
  const [publishing, setPublishing] = useState<Publication | null>(null);
  const [removing, setRemoving] = useState<Publication | null>(null);
  const [reload, setReload] = useState(0);
  const label = (key: string) => t(`caseAdmin.pub.${key}`);
  const done = (text: string) => {
    void message.success(text);
    setReload((n) => n + 1);
  };

  const columns: TableColumnsType<Publication> = [
    {
      title: label('caseNo'),
      dataIndex: 'caseNo',
      className: 'zj-nowrap',
      render: (v: string, p) => (
        <Link to={casePath(p.caseId)} style={{ fontFamily: 'monospace' }}>
          {v}
        </Link>
      ),
    },
    {
      title: label('partyName'),
      dataIndex: 'partyName',
      render: (v: string, p) => (
        <Space direction="vertical" size={0}>
          <span>{v}</span>
          <span>
            <PenaltyTypeTags types={p.penaltyTypes} />
          </span>
        </Space>
      ),
    },
    { title: label('documentNo'), dataIndex: 'documentNo', responsive: ['md'], render: (v: string | null) => v ?? t('common.none') },
    { title: label('bureau'), dataIndex: 'orgName', responsive: ['xl'] },
    { title: label('decidedOn'), dataIndex: 'decidedOn', className: 'zj-nowrap', responsive: ['lg'], render: (v: string | null | undefined) => formatDate(v) },
    {
      title: label('status'),
      dataIndex: 'status',
      className: 'zj-nowrap',
      render: (_: unknown, p) => (
        <Space direction="vertical" size={0}>
          <PublicationStateTag state={p.state} />
          {p.state === 'not_published' && p.exemptReason && <Typography.Text type="secondary">{p.exemptReason}</Typography.Text>}
          {p.state === 'removed' && <Typography.Text type="secondary">{t('caseAdmin.pub.removed', { on: formatDate(p.removedOn), reason: p.removalReason ?? '' })}</Typography.Text>}
        </Space>
      ),
    },
    { title: label('dueOn'), dataIndex: 'dueOn', className: 'zj-nowrap', render: (_: unknown, p) => <DueOn p={p} /> },
    {
      title: label('period'),
      key: 'period',
      className: 'zj-nowrap',
      render: (_: unknown, p) =>
        p.publishedOn ? (
          <Space direction="vertical" size={0}>
            <span>
              {formatDate(p.publishedOn)} ~ {formatDate(p.publicUntil)}
            </span>
            {p.period && <Typography.Text type="secondary">{t(`caseAdmin.pub.periods.${p.period}`)}</Typography.Text>}
          </Space>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      className: 'zj-nowrap',
      render: (_: unknown, p) => (
        <Space size={4}>
          {p.status === 'pending' && can('case.write') && (
            <Button size="small" type="primary" onClick={() => setPublishing(p)} data-testid="publication-publish">
              {label('publish')}
            </Button>
          )}
          {p.state === 'published' && can('case.approve') && (
            <Button size="small" danger onClick={() => setRemoving(p)} data-testid="publication-remove">
              {label('remove')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<Publication, PublicationQuery>
        title={label('title')}
        fetch={caseAdminApi.publications}
        rowKey="caseId"
        columns={columns}
        toQuery={toQuery}
        reloadToken={reload}
        tableProps={{ scroll: { x: 'max-content' } }}
        banner={<Alert type="info" showIcon message={label('intro')} style={{ marginBottom: 16 }} />}
        toolbar={
          <Tooltip title={label('toPublic')}>
            <Button icon={<GlobalOutlined />} href="/public/penalties" target="_blank">
              {label('toPublic')}
            </Button>
          </Tooltip>
        }
        filters={
          <>
            <Form.Item name="q" label={label('q')}>
              <Input allowClear placeholder={label('qPlaceholder')} style={{ width: 220, maxWidth: '100%' }} />
            </Form.Item>
            <Form.Item name="regionCode" label={label('region')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} options={countyOptions} loading={regions.loading} />
            </Form.Item>
            <Form.Item name="status" label={label('status')}>
              <Select allowClear style={{ width: 130 }} options={statusOptions} />
            </Form.Item>
            <Form.Item name="overdue" valuePropName="checked">
              <Checkbox>{label('overdueOnly')}</Checkbox>
            </Form.Item>
          </>
        }
      />
      <FormModal<{ publishedOn?: Dayjs }>
        open={publishing !== null}
        title={label('publishTitle')}
        okText={label('publish')}
        initialValues={{ publishedOn: todayInChina() }}
        onClose={() => setPublishing(null)}
        onSubmit={async (v) => {
          await caseAdminApi.publish(publishing!, { publishedOn: isoDate(v.publishedOn) });
          done(label('published'));
        }}
      >
        <Typography.Paragraph type="secondary">{label('publishHint')}</Typography.Paragraph>
        {publishing && (
          <Typography.Paragraph>
            {[publishing.caseNo, publishing.partyName, publishing.documentNo].filter(Boolean).join(' · ')}
          </Typography.Paragraph>
        )}
        <Form.Item name="publishedOn" label={label('publishedOn')}>
          <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string; applicationDate?: Dayjs }>
        open={removing !== null}
        title={label('removeTitle')}
        okText={label('remove')}
        onClose={() => setRemoving(null)}
        onSubmit={async (v) => {
          await caseAdminApi.remove(removing!, { reason: v.reason.trim(), applicationDate: isoDate(v.applicationDate) });
          done(label('removedDone'));
        }}
      >
        <Alert type="warning" showIcon message={label('removeHint')} style={{ marginBottom: 16 }} />
        <Form.Item name="reason" label={label('reason')} rules={rules.required(label('reason'))}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="applicationDate" label={label('applicationDate')}>
          <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
