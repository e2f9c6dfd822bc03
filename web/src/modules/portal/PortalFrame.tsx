import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicFrame } from '../../app/layout/PublicFrame';
import './portal.pages.i18n';

const NAV = [
  { to: '/public', key: 'home' },
  { to: '/public/dishonest-list', key: 'dishonest' },
  { to: '/public/notices', key: 'notices' },
  { to: '/public/open-data', key: 'openData' },
] as const;

/** The portal's public pages (信息公开) in the public frame, with the navigation between them. */
export function PortalFrame(props: Omit<ComponentProps<typeof PublicFrame>, 'nav'>) {
  const { t } = useTranslation();
  return <PublicFrame {...props} nav={{ label: t('portal.nav.label'), items: NAV.map((n) => ({ to: n.to, label: t(`portal.nav.${n.key}`) })) }} />;
}
