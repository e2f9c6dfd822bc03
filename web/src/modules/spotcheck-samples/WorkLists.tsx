import { Form, Select, Space, Switch, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { ConclusionTag, ObjectionStatusTag, StageTag } from './labels';
import { FOLLOWUP_STAGES, OBJECTION_STATUSES, samplePath, samplesApi, type Followup, type FollowupQuery, type Objection, type ObjectionQuery } from './spotcheckSamples.api';
import './spotcheckSamples.pages.i18n';

const sampleLink = (id: string, no: string) => (
  <Link to={samplePath(id)} style={{ fontFamily: 'monospace' }}>
    {no}
  </Link>
);

/**
 * 异议处理 (staff) and 复检任务 (an institution account: the objections of its samples and those it
 * retests, the server's scope): newest first; a row opens the sample, where the decision and the
 * retest are entered.
 */
export function ObjectionListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const retests = useLocation().pathname.startsWith('/spotcheck-retests');
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const columns: TableColumnsType<Objection> = [
    { title: label('sampleNo'), dataIndex: 'sampleNo', className: 'zj-nowrap', render: (v: string, o) => sampleLink(o.sampleId, v) },
    { title: label('product'), key: 'product', render: (_: unknown, o) => `${o.productCode} ${o.productName}` },
    { title: label('enterprise'), dataIndex: 'enterpriseName' },
    { title: label('conclusion'), dataIndex: 'conclusion', className: 'zj-nowrap', render: (_: unknown, o) => <ConclusionTag value={o.conclusion} /> },
    { title: label('filedOn'), dataIndex: 'filedOn', className: 'zj-nowrap', render: (v: string, o) => `${formatDate(v)} · ${t(`spotcheckSamples.filedBy.${o.filedBy}`)}` },
    { title: label('objectionReason'), dataIndex: 'reason', responsive: ['lg'], render: (v: string) => <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>{v}</Typography.Text> },
    { title: label('retestInstitution'), dataIndex: 'retestInstitutionName', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    { title: label('status'), dataIndex: 'status', className: 'zj-nowrap', render: (_: unknown, o) => <ObjectionStatusTag status={o.status} /> },
    {
      title: label('finalConclusion'),
      key: 'final',
      className: 'zj-nowrap',
      render: (_: unknown, o) => (
        <Space size={2}>
          <ConclusionTag value={o.finalConclusion} final={!!o.finalConclusion} />
          {o.upheld && <Typography.Text type="success">{label('upheld')}</Typography.Text>}
        </Space>
      ),
    },
  ];
  return (
    <ListPage<Objection, ObjectionQuery>
      title={retests ? label('retestsTitle') : label('objectionsTitle')}
      fetch={samplesApi.objections}
      rowKey="id"
      columns={columns}
      toQuery={(v: FilterValues) => v as Partial<ObjectionQuery>}
      tableProps={{ scroll: { x: 'max-content' }, onRow: (o) => ({ onClick: () => navigate(samplePath(o.sampleId)), style: { cursor: 'pointer' } }) }}
      filters={
        <Form.Item name="status" label={label('status')}>
          <Select allowClear style={{ width: 130 }} options={OBJECTION_STATUSES.map((s) => ({ value: s, label: t(`spotcheckSamples.objectionStatuses.${s}`) }))} />
        </Form.Item>
      }
    />
  );
}

/** 后处理: the follow-ups of failed samples, by stage; `overdue` shows the orders past their correction date. */
export function FollowupListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const columns: TableColumnsType<Followup> = [
    { title: label('sampleNo'), dataIndex: 'sampleNo', className: 'zj-nowrap', render: (v: string, f) => sampleLink(f.sampleId, v) },
    { title: label('product'), key: 'product', render: (_: unknown, f) => `${f.productCode} ${f.productName}` },
    { title: label('enterprise'), dataIndex: 'enterpriseName' },
    { title: label('failingItems'), dataIndex: 'failingItems', responsive: ['lg'], render: (v: string[]) => (v.length ? v.join('、') : '—') },
    { title: label('stage'), dataIndex: 'stage', className: 'zj-nowrap', render: (_: unknown, f) => <StageTag stage={f.stage} overdue={f.overdue} /> },
    { title: label('orderNo'), dataIndex: 'orderNo', responsive: ['md'], className: 'zj-nowrap', render: (v: string | null) => v ?? '—' },
    { title: label('correctionDue'), dataIndex: 'dueOn', className: 'zj-nowrap', render: (v: string | null, f) => <Typography.Text type={f.overdue ? 'danger' : undefined}>{formatDate(v)}</Typography.Text> },
    { title: label('lastStep'), key: 'last', responsive: ['lg'], render: (_: unknown, f) => { const s = f.steps[f.steps.length - 1]; return s ? `${formatDate(s.on)} ${t(`spotcheckSamples.actions.${s.action}`, { defaultValue: s.action })}` : '—'; } },
  ];
  return (
    <ListPage<Followup, FollowupQuery>
      title={label('followupsTitle')}
      fetch={samplesApi.followups}
      rowKey="id"
      columns={columns}
      toQuery={(v: FilterValues) => ({ stage: v.stage as FollowupQuery['stage'], overdue: v.overdue ? true : undefined })}
      tableProps={{ scroll: { x: 'max-content' }, onRow: (f) => ({ onClick: () => navigate(samplePath(f.sampleId)), style: { cursor: 'pointer' } }) }}
      filters={
        <>
          <Form.Item name="stage" label={label('stage')}>
            <Select allowClear style={{ width: 150 }} options={FOLLOWUP_STAGES.map((s) => ({ value: s, label: t(`spotcheckSamples.stages.${s}`) }))} />
          </Form.Item>
          <Form.Item name="overdue" label={label('overdueOnly')} valuePropName="checked">
            <Switch data-testid="overdue-filter" />
          </Form.Item>
        </>
      }
    />
  );
}
