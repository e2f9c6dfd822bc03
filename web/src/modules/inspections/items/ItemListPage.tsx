import { App, Button, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDateTime } from '../../../app/format';
import { ListPage } from '../../../app/list/ListPage';
import { itemsApi, type InspectionItem, type ItemQuery } from '../inspections.api';
import { useInspectionOptions } from '../labels';
import { ItemFormModal } from './ItemFormModal';
import '../configure.pages.i18n';

function useItemColumns(edit: ((item: InspectionItem) => void) | null): TableColumnsType<InspectionItem> {
  const { t } = useTranslation();
  const label = (key: string) => t(`inspections.items.${key}`);
  return [
    { title: label('name'), dataIndex: 'name' },
    { title: label('section'), dataIndex: 'sectionName', render: (v: string | null) => v ?? '—' },
    { title: label('targetKind'), dataIndex: 'targetKind', render: (v: InspectionItem['targetKind']) => t(`inspections.targetKind.${v}`) },
    { title: label('questions'), dataIndex: 'checklist', render: (v: InspectionItem['checklist']) => t('inspections.items.questionCount', { count: v.length }) },
    {
      title: label('resultCategories'),
      dataIndex: 'resultCategories',
      render: (v: string[]) => v.map((c) => <Tag key={c}>{c}</Tag>),
    },
    { title: label('specialty'), dataIndex: 'specialty', render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      dataIndex: 'active',
      render: (v: boolean) => (v ? <Tag color="green">{label('active')}</Tag> : <Tag>{label('inactive')}</Tag>),
    },
    { title: label('updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
    ...(edit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, item: InspectionItem) => (
              <Button type="link" size="small" onClick={() => edit(item)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
}

/** 抽查事项清单: every inspection item; adding and editing with inspection.configure. */
export function ItemListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { targetKinds } = useInspectionOptions();
  const mayConfigure = can('inspection.configure');
  const [reloadToken, setReloadToken] = useState(0);
  const [editing, setEditing] = useState<{ item?: InspectionItem } | null>(null);
  const columns = useItemColumns(mayConfigure ? (item) => setEditing({ item }) : null);
  const label = (key: string) => t(`inspections.items.${key}`);

  return (
    <>
      <ListPage<InspectionItem, ItemQuery>
        title={label('title')}
        fetch={itemsApi.list}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        toolbar={
          mayConfigure && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {label('create')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="q" label={label('q')}>
              <Input allowClear style={{ width: 220 }} maxLength={100} />
            </Form.Item>
            <Form.Item name="targetKind" label={label('targetKind')}>
              <Select allowClear style={{ width: 180 }} options={targetKinds} />
            </Form.Item>
            <Form.Item name="active" label={t('common.status')}>
              <Select
                allowClear
                style={{ width: 120 }}
                options={[
                  { value: true, label: label('active') },
                  { value: false, label: label('inactive') },
                ]}
              />
            </Form.Item>
          </>
        }
      />
      <ItemFormModal
        open={!!editing}
        item={editing?.item}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success(editing?.item ? t('common.saved') : t('common.created'));
          setReloadToken((n) => n + 1);
        }}
        onStale={() => setReloadToken((n) => n + 1)}
      />
    </>
  );
}
