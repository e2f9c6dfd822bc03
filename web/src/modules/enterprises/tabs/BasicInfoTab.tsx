import { App, Button, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withNote } from '../../../app/i18n/punctuation';
import type { EnterpriseContact } from '../../../api/types';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDate, formatDateTime } from '../../../app/format';
import type { EnterpriseTabProps } from '../detailTabs';
import { EnterpriseFormModal } from '../EnterpriseFormModal';
import { CreditClassTag, StatusTag } from '../enterpriseLabels';

const orDash = (v: string | null | undefined) => v || '—';

export function BasicInfoTab({ enterprise: e, onChanged }: EnterpriseTabProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);

  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={2}
        data-testid="enterprise-basic"
        extra={
          can('enterprise.write') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
        items={[
          { key: 'uscc', label: t('enterprises.uscc'), children: e.uscc },
          { key: 'name', label: t('enterprises.name'), children: e.name },
          { key: 'legal', label: t('enterprises.legalRepresentative'), children: orDash(e.legalRepresentative) },
          { key: 'region', label: t('enterprises.region'), children: withNote(t, e.regionName ?? '', e.regionCode) },
          { key: 'address', label: t('enterprises.address'), span: 2, children: orDash(e.address) },
          { key: 'status', label: t('common.status'), children: <StatusTag status={e.status} /> },
          { key: 'established', label: t('enterprises.establishedOn'), children: formatDate(e.establishedOn) },
          { key: 'industry', label: t('enterprises.industryCode'), children: orDash(e.industryCode) },
          { key: 'credit', label: t('enterprises.creditClass'), children: <CreditClassTag value={e.creditClass} /> },
          {
            key: 'tags',
            label: t('enterprises.tags'),
            span: 2,
            children: e.tags.length ? e.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—',
          },
          ...(e.usccOverrideReason
            ? [{ key: 'override', label: t('enterprises.usccOverrideReason'), span: 2, children: e.usccOverrideReason }]
            : []),
          { key: 'created', label: t('common.createdAt'), children: formatDateTime(e.createdAt) },
          { key: 'updated', label: t('enterprises.updatedAt'), children: formatDateTime(e.updatedAt) },
        ]}
      />
      <Space direction="vertical" style={{ width: '100%', marginTop: 24 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('enterprises.contacts')}
        </Typography.Title>
        <Table<EnterpriseContact>
          size="small"
          rowKey={(c) => `${c.name}/${c.phone ?? ''}/${c.email ?? ''}`}
          pagination={false}
          dataSource={e.contacts}
          columns={[
            { title: t('enterprises.contactName'), dataIndex: 'name' },
            { title: t('enterprises.contactPhone'), dataIndex: 'phone', render: orDash },
            { title: t('enterprises.contactEmail'), dataIndex: 'email', render: orDash },
            { title: t('enterprises.contactRole'), dataIndex: 'role', render: orDash },
          ]}
        />
      </Space>
      <EnterpriseFormModal
        open={editing}
        enterprise={e}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          void message.success(t('common.saved'));
          onChanged(saved);
        }}
        onStale={() => onChanged()}
      />
    </>
  );
}
