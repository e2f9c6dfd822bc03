import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApprovalRulesTab } from './ApprovalRulesTab';
import { LicenceTypesTab } from './LicenceTypesTab';
import '../licenceAdmin.pages.i18n';

const TABS = ['types', 'approvals'] as const;

/** Licence settings (licence.configure): the type dictionary and which measures need approval. */
export function LicenceSettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const active = TABS.find((tab) => tab === params.get('tab')) ?? 'types';

  return (
    <Card title={t('licenceAdmin.title')}>
      <Tabs
        activeKey={active}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: 'types', label: t('licenceAdmin.types.tab'), children: <LicenceTypesTab /> },
          { key: 'approvals', label: t('licenceAdmin.approvals.tab'), children: <ApprovalRulesTab /> },
        ]}
      />
    </Card>
  );
}
