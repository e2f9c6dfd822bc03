import { Alert, App, Button, Form, Input, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { errorText } from '../../app/errorText';
import { useNotifyError } from '../../app/errors';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { enterprisePath } from '../enterprises';
import { useRegions } from '../regions';
import { clustersApi, type Cluster, type Member } from './clusters.api';
import './clusters.pages.i18n';

/** The cluster's enterprises: by tag (kept in the register) or a list kept here (add by USCC, remove). */
export function MembersTab({ cluster, onChanged }: { cluster: Cluster; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const regions = useRegions();
  const rules = useRequiredRules();
  const members = useAsync(() => clustersApi.members(cluster.id), `${cluster.id}:${cluster.version}`);
  const [adding, setAdding] = useState(false);
  const label = (key: string) => t(`clusters.${key}`);
  const editable = cluster.memberMode === 'list' && can('cluster.manage');

  const remove = async (m: Member) => {
    try {
      await clustersApi.removeMember(cluster.id, m.uscc);
      void message.success(label('removed'));
      members.reload();
      onChanged();
    } catch (err) {
      notifyError(err);
    }
  };

  const columns: TableColumnsType<Member> = [
    { title: label('enterprise'), dataIndex: 'name', render: (v: string, m) => <Link to={enterprisePath(m.uscc)}>{v}</Link> },
    { title: label('uscc'), dataIndex: 'uscc', className: 'zj-nowrap', render: (v: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text> },
    { title: label('region'), dataIndex: 'regionCode', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null | undefined) => regions.nameOf(v) || t('common.none') },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            className: 'zj-nowrap',
            render: (_: unknown, m: Member) => (
              <Popconfirm title={label('removeConfirm')} okText={label('removeMember')} cancelText={t('common.cancel')} onConfirm={() => void remove(m)}>
                <Button size="small" danger>
                  {label('removeMember')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {cluster.memberMode === 'tag' && <Alert type="info" showIcon message={t('clusters.tagMembersHint', { tag: cluster.tag ?? '' })} />}
      {editable && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="cluster-add-member">
          {label('addMember')}
        </Button>
      )}
      {members.error ? (
        <Alert type="error" showIcon message={errorText(members.error, t)} />
      ) : (
        <Table<Member>
          data-testid="cluster-members"
          size="small"
          rowKey="uscc"
          columns={columns}
          dataSource={members.data?.items ?? []}
          loading={members.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { count: total }) }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: label('noMembers') }}
        />
      )}
      <FormModal<{ uscc: string }>
        open={adding}
        title={label('addMemberTitle')}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await clustersApi.addMember(cluster.id, v.uscc.replace(/\s/g, '').toUpperCase());
          void message.success(label('added'));
          members.reload();
          onChanged();
        }}
      >
        <Form.Item name="uscc" label={label('uscc')} rules={rules.required(label('uscc'))}>
          <Input maxLength={24} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
