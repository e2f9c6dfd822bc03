import { Alert, App, Button, Flex, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { useAsync } from '../../app/hooks/useAsync';
import type { EnterpriseTabProps } from '../enterprises';
import { licencePath, useLicenceColumns } from './licenceColumns';
import { LicenceFormModal } from './LicenceFormModal';
import { LicenceStateTag } from './licenceLabels';
import { licencesApi, type Licence } from './licences.api';

/** An enterprise holds a handful of licences: one page of the server's largest size shows them all. */
const ALL = 500;

/** Licences the holder lost (吊销) or that were cancelled (注销): flagged at the top of the tab. */
const isRevokedOrCancelled = (l: Licence) => l.state === 'revoked' || l.state === 'cancelled';

function LicenceLinks({ licences }: { licences: Licence[] }) {
  return (
    <Flex vertical gap={4}>
      {licences.map((l) => (
        <Space key={l.id}>
          <Link to={licencePath(l.id)}>
            {l.typeName} {l.number}
          </Link>
          <LicenceStateTag state={l.state} />
        </Space>
      ))}
    </Flex>
  );
}

/** The enterprise detail tab listing the enterprise's licences, with a warning for revoked or cancelled ones. */
export function EnterpriseLicencesTab({ enterprise }: EnterpriseTabProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const columns = useLicenceColumns({ withHolder: false });
  const [creating, setCreating] = useState(false);
  const { data, loading, reload } = useAsync(() => licencesApi.list({ uscc: enterprise.uscc, pageSize: ALL }), enterprise.uscc);
  const closed = (data?.items ?? []).filter(isRevokedOrCancelled);

  return (
    <>
      {closed.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="licences-closed"
          message={t('licences.holderHasClosed', { count: closed.length })}
          description={<LicenceLinks licences={closed} />}
        />
      )}
      {can('licence.write') && (
        <Flex justify="end" style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('licences.create')}
          </Button>
        </Flex>
      )}
      <Table<Licence> size="middle" rowKey="id" columns={columns} dataSource={data?.items} loading={loading} />
      <LicenceFormModal
        open={creating}
        uscc={enterprise.uscc}
        onClose={() => setCreating(false)}
        onSaved={() => {
          void message.success(t('common.created'));
          reload();
        }}
      />
    </>
  );
}
