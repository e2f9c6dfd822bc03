import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import '../equipment.pages.i18n';
import { CategoriesTab } from './CategoriesTab';
import { DueRulesTab } from './DueRulesTab';

const TABS = ['categories', 'rules'] as const;

/** Equipment settings (equipment.configure): the category dictionary and the due-date rules. */
export function EquipmentSettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const active = TABS.find((tab) => tab === params.get('tab')) ?? 'categories';

  return (
    <Card title={t('equipment.settings.title')}>
      <Tabs
        activeKey={active}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: 'categories', label: t('equipment.settings.categories'), children: <CategoriesTab /> },
          { key: 'rules', label: t('equipment.settings.dueRules'), children: <DueRulesTab /> },
        ]}
      />
    </Card>
  );
}
