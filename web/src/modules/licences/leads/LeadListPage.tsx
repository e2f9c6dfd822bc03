import { App, Button, Form, Input, Select, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDateTime } from '../../../app/format';
import { ListPage } from '../../../app/list/ListPage';
import { useRegions } from '../../regions';
import { LeadDrawer } from './LeadDrawer';
import { LeadFormModal } from './LeadFormModal';
import { LeadStatusTag, useLeadStatusOptions } from './leadLabels';
import { leadsApi, type Lead, type LeadQuery } from './leads.api';
import './leads.pages.i18n';

function useLeadColumns(open: (id: string) => void): TableColumnsType<Lead> {
  const { t } = useTranslation();
  return [
    { title: t('leads.operatorName'), dataIndex: 'operatorName', render: (v: string, l) => <Typography.Link onClick={() => open(l.id)}>{v}</Typography.Link> },
    { title: t('leads.uscc'), className: 'zj-nowrap', dataIndex: 'uscc', render: (v: string | null) => v ?? '—' },
    { title: t('leads.region'), dataIndex: 'regionName', render: (v: string | null, l) => v ?? l.regionCode },
    { title: t('leads.licenceType'), dataIndex: 'licenceTypeName', render: (v: string | null) => v ?? '—' },
    { title: t('leads.source'), dataIndex: 'source' },
    { title: t('leads.assignee'), dataIndex: 'assigneeName', render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'status', render: (_, l) => <LeadStatusTag lead={l} /> },
    { title: t('leads.createdAt'), className: 'zj-nowrap', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];
}

/** Leads about unlicensed operation in the user's scope, newest first; details and actions in a drawer. */
export function LeadListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const regions = useRegions();
  const statusOptions = useLeadStatusOptions();
  const [reloadToken, setReloadToken] = useState(0);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const columns = useLeadColumns(setOpenId);
  const reloadList = () => setReloadToken((n) => n + 1);

  return (
    <>
      <ListPage<Lead, LeadQuery>
        title={t('leads.title')}
        fetch={leadsApi.list}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        toolbar={
          can('licence.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('leads.create')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="status" label={t('common.status')}>
              <Select allowClear style={{ width: 160 }} options={statusOptions} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('leads.region')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={regions.options} />
            </Form.Item>
            <Form.Item name="q" label={t('leads.q')}>
              <Input allowClear style={{ width: 220 }} maxLength={100} />
            </Form.Item>
          </>
        }
      />
      <LeadFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(lead) => {
          void message.success(t('leads.created'));
          reloadList();
          setOpenId(lead.id);
        }}
      />
      <LeadDrawer leadId={openId} onClose={() => setOpenId(null)} onChanged={reloadList} />
    </>
  );
}
