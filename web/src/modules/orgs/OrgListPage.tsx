import { Alert, Button, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_TYPES, type Org, type OrgQuery } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { useListState } from '../../app/list/useListState';
import { useRegions } from '../regions';
import { OrgFormModal } from './OrgFormModal';
import { OrgTree } from './OrgTree';
import { orgsApi } from './orgs.api';
import { useOrgs } from './useOrgs';

export function OrgListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canWrite = can('org.write');
  const regions = useRegions();
  const [reloadToken, setReloadToken] = useState(0);
  const all = useOrgs(true, reloadToken);
  // the org chosen in the tree lives in the URL (a reload or Back from a detail keeps it)
  const list = useListState();
  const parentId = list.scope ?? null;
  const parent = parentId ? (all.orgs.find((o) => o.id === parentId) ?? null) : null;
  const [editing, setEditing] = useState<{ org?: Org } | null>(null);

  const columns: TableColumnsType<Org> = [
    { title: t('orgs.name'), dataIndex: 'name' },
    { title: t('orgs.type'), dataIndex: 'type', render: (v: string) => t(`orgType.${v}`) },
    { title: t('orgs.region'), dataIndex: 'regionName' },
    { title: t('orgs.parent'), dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      dataIndex: 'active',
      render: (v: boolean) => (v ? <Tag color="green">{t('orgs.enabled')}</Tag> : <Tag>{t('orgs.disabled')}</Tag>),
    },
    { title: t('common.createdAt'), className: 'zj-nowrap', dataIndex: 'createdAt', render: (v: string) => formatDate(v) },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, org: Org) => (
              <Button type="link" size="small" onClick={() => setEditing({ org })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <ListPage<Org, OrgQuery>
        title={t('orgs.title')}
        fetch={orgsApi.list}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        extraQuery={parentId ? { parentId } : {}}
        toolbar={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('orgs.create')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="q" label={t('orgs.name')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="type" label={t('orgs.type')}>
              <Select
                allowClear
                style={{ width: 160 }}
                options={ORG_TYPES.map((v) => ({ value: v, label: t(`orgType.${v}`) }))}
              />
            </Form.Item>
            <Form.Item name="regionCode" label={t('orgs.region')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 240 }} options={regions.options} />
            </Form.Item>
          </>
        }
        banner={
          parent && (
            <Alert
              type="info"
              style={{ marginBottom: 16 }}
              message={t('orgs.parentFilter', { name: parent.name })}
              closable
              onClose={() => list.setScope(undefined)}
            />
          )
        }
        aside={<OrgTree orgs={all.orgs} selectedId={parentId} onSelect={(org) => list.setScope(org?.id)} />}
      />
      <OrgFormModal
        open={!!editing}
        org={editing?.org}
        orgs={all.orgs}
        onClose={() => setEditing(null)}
        onSaved={() => setReloadToken((n) => n + 1)}
        onStale={() => setReloadToken((n) => n + 1)}
      />
    </>
  );
}
