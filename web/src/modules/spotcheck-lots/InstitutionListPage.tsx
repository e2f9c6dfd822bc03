import { Button, Form, Grid, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { InstitutionFormModal } from './InstitutionFormModal';
import { CmaValidity, LocalTag, OnTimeRate, yuan } from './labels';
import { institutionPath, lotsApi, type Institution, type InstitutionQuery } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

const toQuery = ({ q, ...rest }: FilterValues): Partial<InstitutionQuery> => ({ ...(rest as Partial<InstitutionQuery>), q: (q as string | undefined)?.trim() });

/** 承检机构: every testing institution with its qualification and record; new ones (spotcheck.configure). */
export function InstitutionListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [creating, setCreating] = useState(false);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const yesNo = [
    { value: true, label: t('common.yes') },
    { value: false, label: t('common.no') },
  ];

  const columns: TableColumnsType<Institution> = [
    {
      title: label('name'),
      dataIndex: 'name',
      render: (v: string, i) => (
        <Typography.Link onClick={() => navigate(institutionPath(i.id))} data-testid="institution-link">
          {v}
        </Typography.Link>
      ),
    },
    { title: label('locality'), dataIndex: 'local', className: 'zj-nowrap', responsive: ['sm'], render: (v: boolean) => <LocalTag local={v} /> },
    { title: label('cmaNo'), dataIndex: 'cmaNo', className: 'zj-nowrap', responsive: ['xxl'] },
    { title: label('cmaScope'), dataIndex: 'cmaScope', className: 'zj-nowrap', responsive: ['md'], render: (v: string[]) => t('spotcheckLots.cmaScopeCount', { count: v.length }) },
    { title: label('cmaValidUntil'), dataIndex: 'cmaValidUntil', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => <CmaValidity until={v} /> },
    { title: label('capacityPerQuarter'), dataIndex: 'capacity', className: 'zj-nowrap', responsive: ['xl'], align: 'right' },
    { title: label('usualPrice'), dataIndex: 'price', className: 'zj-nowrap', responsive: ['lg'], align: 'right', render: (v: number) => yuan(v) },
    { title: label('onTimeRate'), key: 'onTime', className: 'zj-nowrap', render: (_: unknown, i) => <OnTimeRate record={i.record} /> },
    { title: label('objectionsUpheld'), key: 'upheld', className: 'zj-nowrap', align: 'right', responsive: ['sm'], render: (_: unknown, i) => (i.record.objectionsUpheld ? <Typography.Text type="danger">{i.record.objectionsUpheld}</Typography.Text> : 0) },
    { title: label('accountCount'), dataIndex: 'accountCount', className: 'zj-nowrap', responsive: ['xxl'], align: 'right' },
    { title: label('status'), dataIndex: 'active', className: 'zj-nowrap', render: (v: boolean) => (v ? <Tag color="green">{label('active')}</Tag> : <Tag>{label('inactive')}</Tag>) },
  ];

  return (
    <>
      <ListPage<Institution, InstitutionQuery>
        title={label('institutionsTitle')}
        fetch={lotsApi.institutions}
        rowKey="id"
        columns={columns}
        toQuery={toQuery}
        tableProps={{ scroll: screens.sm ? { x: 'max-content' } : undefined, onRow: (i) => ({ onClick: () => navigate(institutionPath(i.id)), style: { cursor: 'pointer' } }) }}
        toolbar={
          can('spotcheck.configure') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="institution-create">
              {label('createInstitution')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="q" label={label('q')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="local" label={label('local')}>
              <Select allowClear style={{ width: 100 }} options={yesNo} />
            </Form.Item>
            <Form.Item name="active" label={label('active')}>
              <Select allowClear style={{ width: 100 }} options={yesNo} />
            </Form.Item>
          </>
        }
      />
      <InstitutionFormModal open={creating} onClose={() => setCreating(false)} onSaved={(i) => navigate(institutionPath(i.id))} />
    </>
  );
}
