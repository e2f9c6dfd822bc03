import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicFrame } from '../../app/layout/PublicFrame';
import './spotchecksPublic.pages.i18n';

const NAV = [
  { to: '/public/spotcheck-results', key: 'results' },
  { to: '/public/spotcheck-bulletins', key: 'bulletins' },
  { to: '/public/spotcheck-selections', key: 'selections' },
  { to: '/public/enterprise', key: 'lookup' },
] as const;

/** The spot checks' public pages in the public frame, with the navigation between them. */
export function SpotcheckPublicFrame({ width = 1100, ...props }: Omit<ComponentProps<typeof PublicFrame>, 'nav'>) {
  const { t } = useTranslation();
  return <PublicFrame {...props} width={width} nav={{ label: t('scPublic.nav.label'), items: NAV.map((n) => ({ to: n.to, label: t(`scPublic.nav.${n.key}`) })) }} />;
}
