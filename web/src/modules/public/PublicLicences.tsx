import { Alert, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicEnterprise } from '../../api/types';
import { formatDate } from '../../app/format';
import { LicenceStateTag } from '../licences';
import type { PublicLicence, PublicRevocation } from './public.api';

function ValidLicences({ licences }: { licences: PublicLicence[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<PublicLicence> = [
    { title: t('publicRecord.typeName'), dataIndex: 'typeName' },
    { title: t('publicRecord.number'), className: 'zj-nowrap', dataIndex: 'number' },
    { title: t('publicRecord.scope'), dataIndex: 'scope', render: (v: string | null) => v ?? '—' },
    { title: t('publicRecord.issuedOn'), className: 'zj-nowrap', dataIndex: 'issuedOn', render: (v: string) => formatDate(v) },
    { title: t('publicRecord.expiresOn'), className: 'zj-nowrap', dataIndex: 'expiresOn', render: (v: string | null) => (v ? formatDate(v) : t('publicRecord.noExpiry')) },
    { title: t('publicRecord.issuer'), dataIndex: 'issuer' },
  ];
  return (
    <Table<PublicLicence>
      data-testid="public-licences"
      size="small"
      rowKey={(l) => `${l.typeName}/${l.number}`}
      title={() => <Typography.Text strong>{t('publicRecord.licences')}</Typography.Text>}
      locale={{ emptyText: t('publicRecord.noLicences') }}
      columns={columns}
      dataSource={licences}
      pagination={false}
    />
  );
}

function Revocations({ revocations }: { revocations: PublicRevocation[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<PublicRevocation> = [
    { title: t('publicRecord.kind'), dataIndex: 'kind', render: (_, r) => <LicenceStateTag state={r.kind} /> },
    { title: t('publicRecord.typeName'), dataIndex: 'typeName' },
    { title: t('publicRecord.number'), className: 'zj-nowrap', dataIndex: 'number' },
    { title: t('publicRecord.decidedOn'), className: 'zj-nowrap', dataIndex: 'decidedOn', render: (v: string) => formatDate(v) },
    { title: t('publicRecord.documentNo'), dataIndex: 'documentNo' },
  ];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="public-revocations"
      message={t('publicRecord.revocations')}
      description={
        <Flex vertical gap={8}>
          {t('publicRecord.revocationsHint')}
          <Table<PublicRevocation> size="small" rowKey={(r) => `${r.typeName}/${r.number}`} columns={columns} dataSource={revocations} pagination={false} />
        </Flex>
      }
    />
  );
}

/** The licence sections of the public record: the valid licences, and the revoked or withdrawn ones when there are any. */
export function PublicLicences({ record }: { record: Pick<PublicEnterprise, 'licences' | 'revocations'> }) {
  return (
    <>
      {record.revocations.length > 0 && <Revocations revocations={record.revocations} />}
      <ValidLicences licences={record.licences} />
    </>
  );
}
