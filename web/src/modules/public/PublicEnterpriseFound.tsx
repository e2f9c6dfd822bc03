import { Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicEnterprise } from '../../api/types';
import { StatusTag } from '../enterprises';
import { PublicEquipmentCounts } from '../equipment';
import { PublicResultsTable } from '../inspections';
import { PublicCommitments } from './PublicCommitments';
import { PublicLicences } from './PublicLicences';

/** A found enterprise on the public lookup: its register entry, licences and published inspection results. */
export function PublicEnterpriseFound({ enterprise: e }: { enterprise: PublicEnterprise }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={1}
        data-testid="public-result"
        items={[
          { key: 'name', label: t('enterprises.name'), children: e.name },
          { key: 'uscc', label: t('enterprises.uscc'), children: e.uscc },
          { key: 'region', label: t('enterprises.region'), children: e.regionName ?? e.regionCode },
          { key: 'status', label: t('common.status'), children: <StatusTag status={e.status} /> },
        ]}
      />
      <PublicLicences record={e} />
      <PublicCommitments record={e} />
      <PublicEquipmentCounts record={e.equipment} />
      <PublicResultsTable uscc={e.uscc} withoutEnterprise title={t('inspectionTasks.publicSection')} />
    </Space>
  );
}

