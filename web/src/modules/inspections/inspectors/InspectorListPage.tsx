import { App, Button, Form, Input, Popconfirm, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clausesOf } from '../../../app/i18n/punctuation';
import { useAuth } from '../../../app/auth/AuthContext';
import { isStale } from '../../../api/client';
import { useNotifyError } from '../../../app/errors';
import { ListPage } from '../../../app/list/ListPage';
import { useRegions } from '../../regions';
import { inspectorsApi, type Inspector, type InspectorQuery } from '../inspections.api';
import { InspectorFormModal } from './InspectorFormModal';
import '../configure.pages.i18n';

interface Actions {
  edit: (inspector: Inspector) => void;
  remove: (inspector: Inspector) => void;
}

function useInspectorColumns(actions: Actions | null): TableColumnsType<Inspector> {
  const { t } = useTranslation();
  const label = (key: string) => t(`inspections.inspectors.${key}`);
  const periods = (i: Inspector) =>
    i.activePeriods.length === 0 ? label('always') : clausesOf(t, i.activePeriods.map((p) => `${p.from} – ${p.to ?? label('untilNow')}`));
  return [
    {
      title: label('name'),
      dataIndex: 'displayName',
      render: (v: string, i) => (
        <Space size={4}>
          {v}
          <Typography.Text type="secondary">{i.username}</Typography.Text>
          {!i.userActive && <Tag color="red">{label('userInactive')}</Tag>}
        </Space>
      ),
    },
    { title: label('org'), dataIndex: 'orgName' },
    { title: label('certificateNo'), className: 'zj-nowrap', dataIndex: 'certificateNo', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: label('specialties'), dataIndex: 'specialties', render: (v: string[]) => (v.length ? v.map((s) => <Tag key={s}>{s}</Tag>) : '—') },
    { title: label('activePeriods'), key: 'periods', render: (_, i) => periods(i) },
    { title: label('conflicts'), dataIndex: 'conflicts', render: (v: string[]) => (v.length ? t('inspections.inspectors.conflictCount', { count: v.length }) : '—') },
    ...(actions
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, i: Inspector) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => actions.edit(i)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('inspections.inspectors.removeConfirm', { name: i.displayName })} onConfirm={() => actions.remove(i)}>
                  <Button type="link" size="small" danger>
                    {label('remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
}

/** 执法检查人员名录库: the inspectors in the user's scope; maintained with inspection.configure. */
export function InspectorListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const regions = useRegions();
  const [reloadToken, setReloadToken] = useState(0);
  const [editing, setEditing] = useState<{ inspector?: Inspector } | null>(null);
  const reload = () => setReloadToken((n) => n + 1);
  const label = (key: string) => t(`inspections.inspectors.${key}`);

  const remove = (i: Inspector) =>
    inspectorsApi.remove(i.userId, i.version).then(
      () => {
        void message.success(label('removed'));
        reload();
      },
      (err: unknown) => {
        notifyError(err);
        if (isStale(err)) reload();
      },
    );
  const columns = useInspectorColumns(can('inspection.configure') ? { edit: (inspector) => setEditing({ inspector }), remove } : null);

  return (
    <>
      <ListPage<Inspector, InspectorQuery>
        title={label('title')}
        fetch={inspectorsApi.list}
        rowKey="userId"
        columns={columns}
        reloadToken={reloadToken}
        toolbar={
          // Adding picks a user: offered only to those who may list users.
          can('inspection.configure') && can('user.read') && (
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
            <Form.Item name="regionCode" label={label('region')}>
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={regions.options} />
            </Form.Item>
            <Form.Item name="specialty" label={label('specialties')}>
              <Input allowClear style={{ width: 160 }} maxLength={50} />
            </Form.Item>
          </>
        }
      />
      {can('inspection.configure') && (
        <InspectorFormModal
          open={!!editing}
          inspector={editing?.inspector}
          onClose={() => setEditing(null)}
          onSaved={() => {
            void message.success(t('common.saved'));
            reload();
          }}
          onStale={reload}
        />
      )}
    </>
  );
}
