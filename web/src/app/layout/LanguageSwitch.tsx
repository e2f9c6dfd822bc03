import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n';

/** Switches between Chinese and English (the header's button and the compact header's menu item). */
export const toggleLanguage = () => void setLanguage(currentLanguage() === 'zh-CN' ? 'en-US' : 'zh-CN');

/** Toggles between Chinese and English; the button shows the language it switches to. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Button type="text" icon={<GlobalOutlined />} title={t('header.switchLanguageTitle')} onClick={toggleLanguage} style={{ color: 'inherit' }}>
      {t('header.switchLanguage')}
    </Button>
  );
}
