import { useTranslation } from 'react-i18next';
import type { PublicEnterprise } from '../../api/types';
import { Box, COLORS, Rows, type Column } from '../../app/components/plain';
import { formatDate } from '../../app/format';
import type { PublicLicence, PublicRevocation } from './public.api';

const nowrap = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

function ValidLicences({ licences }: { licences: PublicLicence[] }) {
  const { t } = useTranslation();
  const columns: Column<PublicLicence>[] = [
    { key: 'typeName', title: t('publicRecord.typeName'), render: (l) => l.typeName },
    { key: 'number', title: t('publicRecord.number'), render: (l) => nowrap(l.number) },
    { key: 'scope', title: t('publicRecord.scope'), render: (l) => l.scope ?? '—' },
    { key: 'issuedOn', title: t('publicRecord.issuedOn'), render: (l) => nowrap(formatDate(l.issuedOn)) },
    { key: 'expiresOn', title: t('publicRecord.expiresOn'), render: (l) => nowrap(l.expiresOn ? formatDate(l.expiresOn) : t('publicRecord.noExpiry')) },
    { key: 'issuer', title: t('publicRecord.issuer'), render: (l) => l.issuer },
  ];
  return (
    <Box title={t('publicRecord.licences')} testId="public-licences">
      <Rows columns={columns} rows={licences} rowKey={(l) => `${l.typeName}/${l.number}`} empty={t('publicRecord.noLicences')} />
    </Box>
  );
}

function Revocations({ revocations }: { revocations: PublicRevocation[] }) {
  const { t } = useTranslation();
  const columns: Column<PublicRevocation>[] = [
    { key: 'kind', title: t('publicRecord.kind'), render: (r) => <strong style={{ color: COLORS.danger }}>{t(`licenceState.${r.kind}`)}</strong> },
    { key: 'typeName', title: t('publicRecord.typeName'), render: (r) => r.typeName },
    { key: 'number', title: t('publicRecord.number'), render: (r) => nowrap(r.number) },
    { key: 'decidedOn', title: t('publicRecord.decidedOn'), render: (r) => nowrap(formatDate(r.decidedOn)) },
    { key: 'documentNo', title: t('publicRecord.documentNo'), render: (r) => r.documentNo },
  ];
  return (
    <Box title={<span style={{ color: COLORS.danger }}>{t('publicRecord.revocations')}</span>} testId="public-revocations">
      <p style={{ margin: '0 0 8px', color: COLORS.danger }}>{t('publicRecord.revocationsHint')}</p>
      <Rows columns={columns} rows={revocations} rowKey={(r) => `${r.typeName}/${r.number}`} empty={null} />
    </Box>
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
