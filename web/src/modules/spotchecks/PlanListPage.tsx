import { Button, Form, InputNumber, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { PlanKindTag, PlanStatusTag, useMayPlan, yuan } from './labels';
import { GeneratePlanModal, SpecialPlanModal } from './PlanFormModals';
import { PLAN_KINDS, PLAN_STATUSES, planPath, spotchecksApi, type PlanQuery, type PlanRow } from './spotchecks.api';
import './spotchecks.pages.i18n';

/** 抽查计划: the annual plans and special plans; generating next year's plan and making a special one (spotcheck.plan). */
export function PlanListPage() {
  const { t } = useTranslation();
  const mayPlan = useMayPlan();
  const navigate = useNavigate();
  const [generating, setGenerating] = useState(false);
  const [special, setSpecial] = useState(false);
  const label = (key: string) => t(`spotchecks.${key}`);
  const open = (id: string) => navigate(planPath(id));

  const columns: TableColumnsType<PlanRow> = [
    { title: label('planName'), dataIndex: 'name', render: (v: string, p) => <Typography.Link onClick={() => open(p.id)}>{v}</Typography.Link> },
    { title: label('planYear'), dataIndex: 'year', className: 'zj-nowrap' },
    { title: label('planKind'), dataIndex: 'kind', className: 'zj-nowrap', render: (_: unknown, p) => <PlanKindTag kind={p.kind} /> },
    { title: label('planStatus'), dataIndex: 'status', className: 'zj-nowrap', render: (_: unknown, p) => <PlanStatusTag status={p.status} /> },
    {
      title: label('costOfBudget'),
      key: 'cost',
      className: 'zj-nowrap',
      render: (_: unknown, p) => (
        <span style={{ color: p.totalCost > p.budget ? '#cf1322' : undefined }}>
          {yuan(p.totalCost)} / {yuan(p.budget)}
        </span>
      ),
    },
    { title: label('totalBatches'), dataIndex: 'totalBatches', className: 'zj-nowrap', responsive: ['sm'] },
    { title: label('lineCount'), dataIndex: 'lineCount', className: 'zj-nowrap', responsive: ['md'] },
    { title: label('lotCount'), dataIndex: 'lotCount', className: 'zj-nowrap', responsive: ['md'] },
    { title: label('windowEndsOn'), dataIndex: 'windowEndsOn', className: 'zj-nowrap', responsive: ['lg'], render: (v: string | null) => formatDate(v) },
    { title: label('approvedAt'), dataIndex: 'approvedAt', className: 'zj-nowrap', responsive: ['lg'], render: (v: string | null) => formatDate(v) },
  ];

  return (
    <>
      <ListPage<PlanRow, PlanQuery>
        title={label('plansTitle')}
        fetch={spotchecksApi.plans}
        rowKey="id"
        columns={columns}
        tableProps={{ scroll: { x: 'max-content' }, onRow: (p) => ({ onClick: () => open(p.id), style: { cursor: 'pointer' } }) }}
        toolbar={
          mayPlan && (
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => setSpecial(true)} data-testid="plan-special">
                {label('createSpecial')}
              </Button>
              <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => setGenerating(true)} data-testid="plan-generate">
                {label('generate')}
              </Button>
            </Space>
          )
        }
        filters={
          <>
            <Form.Item name="year" label={label('planYear')}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="kind" label={label('planKind')}>
              <Select allowClear style={{ width: 120 }} options={PLAN_KINDS.map((k) => ({ value: k, label: t(`spotchecks.planKinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="status" label={label('planStatus')}>
              <Select allowClear style={{ width: 120 }} options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`spotchecks.planStatuses.${s}`) }))} />
            </Form.Item>
          </>
        }
      />
      <GeneratePlanModal open={generating} onClose={() => setGenerating(false)} onDone={(p) => open(p.id)} />
      <SpecialPlanModal open={special} onClose={() => setSpecial(false)} onDone={(p) => open(p.id)} />
    </>
  );
}
