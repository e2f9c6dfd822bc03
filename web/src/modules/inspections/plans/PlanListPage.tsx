import { App, Button, Form, InputNumber, Space, type TableColumnsType } from 'antd';
import { FileAddOutlined, GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDateTime } from '../../../app/format';
import { ListPage } from '../../../app/list/ListPage';
import { useRegions } from '../../regions';
import { plansApi, type Plan, type PlanQuery } from '../inspections.api';
import { pagedLocally } from '../shared';
import { PlanFormModal } from './PlanFormModal';
import { TemplateFormModal } from './TemplateFormModal';
import { usePlanRefs, usePlanRule, useQuarterText } from './planRefs';
import '../planning.pages.i18n';

export const planPath = (id: string) => `/inspection-plans/${encodeURIComponent(id)}`;

const fetchPlans = pagedLocally<Plan, PlanQuery>(plansApi.all);

/** 抽查计划: the plans in the user's scope, newest year first; each opens its draw ceremony. */
export function PlanListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const regions = useRegions();
  const refs = usePlanRefs();
  const rule = usePlanRule();
  const quarterText = useQuarterText();
  const { message } = App.useApp();
  const [creating, setCreating] = useState<'plan' | 'template' | null>(null);
  const label = (key: string) => t(`inspectionPlans.plans.${key}`);

  const columns: TableColumnsType<Plan> = [
    { title: label('name'), dataIndex: 'name', render: (v: string, p) => <Link to={planPath(p.id)}>{v}</Link> },
    { title: label('year'), dataIndex: 'year' },
    { title: label('item'), dataIndex: 'itemId', render: (v: string) => refs.item(v)?.name ?? '—' },
    { title: label('pool'), dataIndex: 'poolId', render: (v: string) => refs.pool(v)?.name ?? '—' },
    { title: label('quarters'), dataIndex: 'quarters', render: (v: number[]) => quarterText(v) },
    { title: label('mode'), dataIndex: 'mode', render: (_, p) => rule(p) },
    { title: label('region'), dataIndex: 'regionCode', render: (v: string) => regions.nameOf(v) },
    { title: label('createdBy'), dataIndex: 'createdByName' },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <ListPage<Plan, PlanQuery>
        title={label('title')}
        fetch={fetchPlans}
        rowKey="id"
        columns={columns}
        toolbar={
          <Space>
            <Button icon={<GlobalOutlined />} href="/public/draws" target="_blank">
              {label('publicList')}
            </Button>
            {can('inspection.plan') && (
              <>
                <Button icon={<FileAddOutlined />} onClick={() => setCreating('template')}>
                  {t('inspectionPlans.templates.create')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating('plan')}>
                  {label('create')}
                </Button>
              </>
            )}
          </Space>
        }
        filters={
          <Form.Item name="year" label={label('year')}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} />
          </Form.Item>
        }
      />
      <PlanFormModal open={creating === 'plan'} onClose={() => setCreating(null)} onSaved={(plan) => navigate(planPath(plan.id))} />
      <TemplateFormModal
        open={creating === 'template'}
        onClose={() => setCreating(null)}
        onSaved={({ pool, plan }) => {
          void message.success(t('inspectionPlans.templates.created', { pool: pool.name }));
          navigate(planPath(plan.id));
        }}
      />
    </>
  );
}
