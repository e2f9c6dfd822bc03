import { useTranslation } from 'react-i18next';
import type { PublicEnterprise } from '../../api/types';
import { Box, Facts } from '../../app/components/plain';
import { PublicEquipmentCounts } from '../equipment';
import { PublicResultsTable } from '../inspections';
import { PublicCommitments } from './PublicCommitments';
import { PublicLicences } from './PublicLicences';

/** A found enterprise on the public lookup: its register entry, licences and published inspection results. */
export function PublicEnterpriseFound({ enterprise: e }: { enterprise: PublicEnterprise }) {
  const { t } = useTranslation();
  return (
    <>
      <Box testId="public-result">
        <Facts
          items={[
            { key: 'name', label: t('enterprises.name'), value: e.name },
            { key: 'uscc', label: t('enterprises.uscc'), value: e.uscc },
            { key: 'region', label: t('enterprises.region'), value: e.regionName ?? e.regionCode },
            { key: 'status', label: t('common.status'), value: t(`enterpriseStatus.${e.status}`) },
          ]}
        />
      </Box>
      <PublicLicences record={e} />
      <PublicCommitments record={e} />
      <PublicEquipmentCounts record={e.equipment} />
      <PublicResultsTable uscc={e.uscc} withoutEnterprise title={t('inspectionTasks.publicSection')} />
    </>
  );
}
