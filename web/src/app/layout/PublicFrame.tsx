import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router-dom';
import { api } from '../../api/client';
import type { PublicSite } from '../../api/types';
import { useAsync } from '../hooks/useAsync';
import { COLORS, useWide } from '../components/plain';
import { LanguageSwitch } from './LanguageSwitch';
import { PageHeading } from './PageHeading';
import { SiteFrame } from './SiteFrame';
import './publicFrame.i18n';

/** A link of a public page's navigation: its address and its (translated) text. */
export interface PublicNavItem {
  to: string;
  label: string;
}

/** The navigation a module gives its public pages: the landmark's name and its links. */
export interface PublicNav {
  label: string;
  items: readonly PublicNavItem[];
}

const PAD = 'clamp(12px, 4vw, 24px)';

/** A named navigation landmark between a module's public pages; the current page's link stands out. */
function PublicNavBar({ nav }: { nav: PublicNav }) {
  return (
    <nav aria-label={nav.label} style={{ marginBottom: 8 }}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {nav.items.map((n) => (
          <li key={n.to}>
            <NavLink
              to={n.to}
              end
              style={({ isActive }) => ({
                display: 'inline-block',
                padding: '4px 12px',
                borderRadius: 16,
                textDecoration: 'none',
                background: isActive ? '#fff' : 'rgba(255,255,255,0.16)',
                color: isActive ? COLORS.primary : '#fff',
                fontWeight: isActive ? 600 : 400,
              })}
            >
              {n.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The bureau that runs the site, asked once per page load; a failed answer leaves the footer's generic name. */
let site: Promise<PublicSite | null> | undefined;
const siteOnce = () => (site ??= api.get<PublicSite>('/api/public/site').catch(() => null));

/**
 * The public site's footer (contentinfo): the bureau (the root org, by name) with its address and
 * phone where its org record has them, and the public site's main entrances.
 */
function PublicFooter() {
  const { t } = useTranslation();
  const site = useAsync(siteOnce).data;
  const link = { color: COLORS.link };
  return (
    <footer style={{ width: '100%', marginTop: 'auto', background: '#fff', borderTop: `1px solid ${COLORS.border}`, padding: `16px ${PAD}`, boxSizing: 'border-box', color: COLORS.muted, fontSize: 14, textAlign: 'center' }}>
      <p style={{ margin: '0 0 8px', color: COLORS.text }}>
        {t('app.name')} · <span data-testid="site-bureau">{site?.bureauName ?? t('publicFrame.footer.bureau')}</span>
      </p>
      {(site?.address || site?.phone) && (
        <address aria-label={t('publicFrame.footer.contact')} data-testid="site-contact" style={{ margin: '0 0 8px', fontStyle: 'normal', display: 'flex', flexWrap: 'wrap', justifyContent: 'center', gap: '4px 24px' }}>
          {site.address && <span>{t('publicFrame.footer.address', { address: site.address })}</span>}
          {site.phone && (
            <a href={`tel:${site.phone.replace(/(?:-|转)\d{1,6}$/, '').replace(/\D/g, '')}`} style={link}>
              {t('publicFrame.footer.phone', { phone: site.phone })}
            </a>
          )}
        </address>
      )}
      <ul aria-label={t('publicFrame.footer.label')} style={{ listStyle: 'none', margin: '0 0 8px', padding: 0, display: 'flex', flexWrap: 'wrap', justifyContent: 'center', gap: '4px 24px' }}>
        <li>
          <Link to="/public" style={link}>
            {t('publicFrame.footer.home')}
          </Link>
        </li>
        <li>
          <Link to="/public/enterprise" style={link}>
            {t('publicFrame.footer.lookup')}
          </Link>
        </li>
        <li>
          <Link to="/public/complaints/new" style={link}>
            {t('publicFrame.footer.complaint')}
          </Link>
        </li>
      </ul>
      <p style={{ margin: 0 }}>{t('publicFrame.footer.note')}</p>
    </footer>
  );
}

/**
 * The frame of every public page (no sign-in, outside the shell): the site's banner with the
 * language switch (under the card on a phone, where it would cover the site's name), an optional
 * named navigation landmark given by the page's module, the page's card with its h1 and `extra`
 * (links beside the title), and the site's footer. Plain HTML (app/components/plain.tsx) so that
 * public pages stay light. `testId` marks the card (heading and content).
 */
export function PublicFrame({ title, extra, children, testId, width = 1000, nav, busy }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string; width?: number; nav?: PublicNav; busy?: boolean }) {
  const wide = useWide();
  return (
    <SiteFrame extra={wide ? <LanguageSwitch /> : undefined} title={title} footer={<PublicFooter />}>
      <div style={{ width, maxWidth: '100%', padding: '0 8px', boxSizing: 'border-box' }}>
        {nav && <PublicNavBar nav={nav} />}
        <div data-testid={testId} aria-busy={busy} style={{ background: '#fff', borderRadius: 8, boxShadow: '0 1px 2px rgba(0,0,0,0.06)' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', padding: `10px ${PAD}`, borderBottom: `1px solid ${COLORS.border}` }}>
            <PageHeading fontSize={20}>{title}</PageHeading>
            {extra && <div className="zj-public-extra">{extra}</div>}
          </div>
          <div style={{ padding: `16px ${PAD}`, color: COLORS.text }}>{children}</div>
        </div>
        {!wide && (
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <LanguageSwitch />
          </div>
        )}
      </div>
    </SiteFrame>
  );
}
