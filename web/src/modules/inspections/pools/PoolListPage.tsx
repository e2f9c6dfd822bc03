import { App, Button, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { labelled } from '../../../app/i18n/punctuation';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDateTime } from '../../../app/format';
import { ListPage } from '../../../app/list/ListPage';
import { useLicenceTypes } from '../../licences';
import { useRegions } from '../../regions';
import { poolsApi, type ObjectPool, type PoolFilter } from '../inspections.api';
import { pagedLocally } from '../shared';
import { PoolFormModal } from './PoolFormModal';
import '../planning.pages.i18n';

/** A pool's filter as tags: one per condition, or "all enterprises of the division". */
function useFilterTags() {
  const { t } = useTranslation();
  const regions = useRegions();
  const types = useLicenceTypes();
  const label = (key: string) => t(`inspectionPlans.pools.${key}`);
  return (f: PoolFilter): ReactNode => {
    const parts: [string, string | undefined][] = [
      ['filterRegion', f.regionCode && regions.nameOf(f.regionCode)],
      ['status', f.status && t(`enterpriseStatus.${f.status}`)],
      ['creditClass', f.creditClass && t('enterprises.creditClassValue', { value: f.creditClass })],
      ['tag', f.tag],
      ['industryPrefix', f.industryPrefix],
      ['licenceType', f.licenceType && (types.byKey(f.licenceType)?.name ?? f.licenceType)],
      ['licenceIssuedYear', f.licenceIssuedYear?.toString()],
    ];
    const set = parts.filter(([, v]) => v);
    if (set.length === 0) return <Typography.Text type="secondary">{label('noFilter')}</Typography.Text>;
    return set.map(([key, v]) => <Tag key={key}>{labelled(t, label(key), v!)}</Tag>);
  };
}

const fetchPools = pagedLocally<ObjectPool, object>(() => poolsApi.all());

/** 检查对象名录库: the saved filters over the register in the user's scope, with their current size. */
export function PoolListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const regions = useRegions();
  const filterTags = useFilterTags();
  const [reloadToken, setReloadToken] = useState(0);
  const [creating, setCreating] = useState(false);
  const label = (key: string) => t(`inspectionPlans.pools.${key}`);

  const columns: TableColumnsType<ObjectPool> = [
    { title: label('name'), dataIndex: 'name' },
    { title: label('region'), dataIndex: 'regionCode', render: (v: string) => regions.nameOf(v) },
    { title: label('filter'), dataIndex: 'filter', render: (f: PoolFilter) => filterTags(f) },
    { title: label('size'), dataIndex: 'size', align: 'right' },
    { title: label('createdBy'), dataIndex: 'createdByName' },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <ListPage<ObjectPool, object>
        title={label('title')}
        fetch={fetchPools}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        toolbar={
          can('inspection.plan') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {label('create')}
            </Button>
          )
        }
      />
      <PoolFormModal
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
