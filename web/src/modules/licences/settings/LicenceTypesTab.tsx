import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { errorText } from '../../../app/errorText';
import { useAsync } from '../../../app/hooks/useAsync';
import { orgsApi } from '../../orgs';
import { licencesApi, type LicenceType } from '../licences.api';
import { LicenceTypeFormModal } from './LicenceTypeFormModal';
import '../licenceAdmin.pages.i18n';

/** The city-bureau sections a type may belong to (readable with org.read), plus those the types already name. */
function useSectionOptions(types: LicenceType[]) {
  const { can } = useAuth();
  const mayReadOrgs = can('org.read');
  const { data } = useAsync(
    () => (mayReadOrgs ? orgsApi.list({ type: 'city_section', pageSize: 500 }) : Promise.resolve({ items: [], total: 0 })),
    String(mayReadOrgs),
  );
  return useMemo(() => {
    const options = new Map((data?.items ?? []).map((o) => [o.id, o.name]));
    for (const type of types) if (type.sectionId && type.sectionName && !options.has(type.sectionId)) options.set(type.sectionId, type.sectionName);
    return [...options].map(([value, label]) => ({ value, label }));
  }, [data, types]);
}

/** The licence-type dictionary: every type, with buttons to add one and to edit each. */
export function LicenceTypesTab() {
  const { t } = useTranslation();
  const { data, loading, error, reload } = useAsync(licencesApi.types);
  const types = useMemo(() => data?.items ?? [], [data]);
  const sections = useSectionOptions(types);
  const [editing, setEditing] = useState<{ type?: LicenceType } | null>(null);
  const label = (key: string) => t(`licenceAdmin.types.${key}`);

  const columns: TableColumnsType<LicenceType> = [
    { title: label('name'), dataIndex: 'name' },
    { title: label('key'), dataIndex: 'key', render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
    { title: label('section'), dataIndex: 'sectionName', render: (name: string | null) => name ?? '—' },
    { title: label('legalBasis'), dataIndex: 'legalBasis', ellipsis: true },
    {
      title: label('validityYears'),
      dataIndex: 'validityYears',
      width: 110,
      render: (years: number | null) => (years ? t('licenceAdmin.types.years', { count: years }) : label('noExpiry')),
    },
    {
      title: t('common.status'),
      dataIndex: 'historic',
      width: 90,
      render: (historic: boolean) => (historic ? <Tag>{label('historic')}</Tag> : <Tag color="green">{label('current')}</Tag>),
    },
    { title: label('sort'), dataIndex: 'sort', width: 70 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_: unknown, type) => (
        <Button type="link" size="small" onClick={() => setEditing({ type })}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
        {label('create')}
      </Button>
      <Table<LicenceType>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={types}
        loading={loading}
        pagination={false}
        locale={error ? { emptyText: errorText(error, t) } : undefined}
      />
      <LicenceTypeFormModal open={!!editing} type={editing?.type} sections={sections} onClose={() => setEditing(null)} onSaved={reload} onStale={reload} />
    </Space>
  );
}
