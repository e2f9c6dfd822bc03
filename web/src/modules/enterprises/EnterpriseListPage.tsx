import { App, Button, Form, Input, Select, Space, type TableColumnsType } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Enterprise, EnterpriseQuery, EnterpriseSort } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate, formatDateTime } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import { enterprisesApi } from './enterprises.api';
import { CreditClassTag, StatusTag, useEnterpriseOptions } from './enterpriseLabels';
import { useListSort } from './useListSort';
import { enterprisePath } from './paths';

type SortKey = Exclude<EnterpriseSort, `-${string}`>;

export function EnterpriseListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const regions = useRegions();
  const { statusOptions, creditOptions } = useEnterpriseOptions();
  const sort = useListSort<Enterprise, SortKey>();
  const [reloadToken, setReloadToken] = useState(0);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Enterprise> = [
    {
      title: t('enterprises.uscc'),
      className: 'zj-nowrap', dataIndex: 'uscc',
      ...sort.sortable('uscc'),
      render: (v: string) => <Link to={enterprisePath(v)}>{v}</Link>,
    },
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      ...sort.sortable('name'),
      render: (v: string, e) => <Link to={enterprisePath(e.uscc)}>{v}</Link>,
    },
    { title: t('enterprises.region'), dataIndex: 'regionName', render: (v: string | null, e) => v ?? e.regionCode },
    { title: t('enterprises.legalRepresentative'), dataIndex: 'legalRepresentative', render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'status', render: (_, e) => <StatusTag status={e.status} /> },
    { title: t('enterprises.creditClass'), dataIndex: 'creditClass', render: (_, e) => <CreditClassTag value={e.creditClass} /> },
    {
      title: t('enterprises.establishedOn'),
      dataIndex: 'establishedOn',
      ...sort.sortable('establishedOn'),
      render: (v: string | null) => formatDate(v),
    },
    {
      title: t('enterprises.updatedAt'),
      dataIndex: 'updatedAt',
      ...sort.sortable('updatedAt'),
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <>
      <ListPage<Enterprise, EnterpriseQuery>
        title={t('enterprises.title')}
        fetch={enterprisesApi.list}
        exportUrl={can('enterprise.export') ? enterprisesApi.exportUrl : undefined}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        extraQuery={{ sort: sort.param }}
        tableProps={{ onChange: sort.onChange }}
        toolbar={
          <Space>
            {can('enterprise.import') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')}>
                {t('files.import')}
              </Button>
            )}
            {can('enterprise.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('enterprises.create')}
              </Button>
            )}
          </Space>
        }
        filters={
          <>
            <Form.Item name="q" label={t('enterprises.q')}>
              <Input allowClear style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('enterprises.region')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={regions.options} />
            </Form.Item>
            <Form.Item name="status" label={t('common.status')}>
              <Select allowClear style={{ width: 130 }} options={statusOptions} />
            </Form.Item>
            <Form.Item name="creditClass" label={t('enterprises.creditClass')}>
              <Select allowClear style={{ width: 110 }} options={creditOptions} />
            </Form.Item>
            <Form.Item name="tag" label={t('enterprises.tag')}>
              <Input allowClear style={{ width: 140 }} />
            </Form.Item>
          </>
        }
      />
      <EnterpriseFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          void message.success(t('common.created'));
          setReloadToken((n) => n + 1);
        }}
      />
    </>
  );
}
