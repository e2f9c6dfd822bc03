import { Button, Form, Grid, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { creditApi, evaluatorPath, type Evaluator, type EvaluatorQuery } from './credit.api';
import { EvaluatorFormModal } from './EvaluatorFormModal';
import './credit.pages.i18n';

const toQuery = ({ q, ...rest }: FilterValues): Partial<EvaluatorQuery> => ({ ...(rest as Partial<EvaluatorQuery>), q: (q as string | undefined)?.trim() });

/** 资质 state: qualified today, or why not. */
export function QualifiedTag({ evaluator: e }: { evaluator: Evaluator }) {
  const { t } = useTranslation();
  if (e.qualified) return <Tag color="green">{t('credit.qualified')}</Tag>;
  return <Tag color={e.active ? 'orange' : 'default'}>{t(e.active ? 'credit.accreditationExpired' : 'credit.inactive')}</Tag>;
}

/** 第三方信用评价机构: the registered evaluators; new ones (the page needs credit.configure). */
export function EvaluatorListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [creating, setCreating] = useState(false);
  const yesNo = [
    { value: true, label: t('common.yes') },
    { value: false, label: t('common.no') },
  ];
  const columns: TableColumnsType<Evaluator> = [
    {
      title: t('credit.evaluatorName'),
      dataIndex: 'name',
      render: (v: string, e) => (
        <Typography.Link onClick={() => navigate(evaluatorPath(e.id))} data-testid="evaluator-link">
          {v}
        </Typography.Link>
      ),
    },
    { title: t('credit.uscc'), dataIndex: 'uscc', className: 'zj-nowrap', responsive: ['md'] },
    { title: t('credit.accreditation'), dataIndex: 'accreditation', responsive: ['lg'], render: (v: string | null) => v ?? t('common.none') },
    { title: t('credit.accreditationValidUntil'), dataIndex: 'validUntil', className: 'zj-nowrap', responsive: ['sm'], render: (v: string | null) => v ?? t('common.none') },
    { title: t('credit.accountCount'), dataIndex: 'accountCount', align: 'right', responsive: ['md'] },
    { title: t('common.status'), key: 'qualified', className: 'zj-nowrap', render: (_: unknown, e) => <QualifiedTag evaluator={e} /> },
  ];
  return (
    <>
      <ListPage<Evaluator, EvaluatorQuery>
        title={t('credit.evaluatorsTitle')}
        fetch={creditApi.evaluators}
        rowKey="id"
        columns={columns}
        toQuery={toQuery}
        tableProps={{ scroll: screens.sm ? { x: 'max-content' } : undefined }}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="evaluator-create">
            {t('credit.createEvaluator')}
          </Button>
        }
        filters={
          <>
            <Form.Item name="q" label={t('credit.evaluatorQ')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="active" label={t('credit.evaluatorActive')}>
              <Select allowClear style={{ width: 100 }} options={yesNo} />
            </Form.Item>
          </>
        }
      />
      <EvaluatorFormModal open={creating} onClose={() => setCreating(false)} onSaved={(e) => navigate(evaluatorPath(e.id))} />
    </>
  );
}
