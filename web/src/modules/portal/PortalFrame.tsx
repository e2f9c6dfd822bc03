import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../../app/errorText';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch';
import { AuthPageFrame, PageHeading } from '../auth';
import { COLORS, Message, mutedText, useWide } from './ui';

const NAV = [
  { to: '/public', key: 'home' },
  { to: '/public/dishonest-list', key: 'dishonest' },
  { to: '/public/notices', key: 'notices' },
  { to: '/public/open-data', key: 'openData' },
] as const;

/** Whether an error is the public routes' rate limit (429). */
const isRateLimited = (err: unknown) => err instanceof ApiError && err.status === 429;

/** A public page's load error: the rate limit as a warning, anything else as an error. */
export function PublicError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const limited = isRateLimited(error);
  return <Message tone={limited ? 'warning' : 'error'}>{limited ? t('portal.rateLimited') : errorText(error, t)}</Message>;
}

/** A page's introduction under its heading. */
export const Intro = ({ children }: { children: ReactNode }) => <p style={{ ...mutedText, margin: 0, lineHeight: 1.6 }}>{children}</p>;

/** The vertical stack of a page's parts. */
export const Stack = ({ children, gap = 16 }: { children: ReactNode; gap?: number }) => <div style={{ display: 'flex', flexDirection: 'column', gap, width: '100%' }}>{children}</div>;

/**
 * The frame of the portal's public pages (信息公开): no sign-in, outside the shell; the banner and
 * main landmark of the public frame, a named navigation landmark between the portal's pages, the
 * page's h1 and its content. Plain HTML (ui.tsx) to keep the pages light.
 */
export function PortalFrame({ title, extra, children, testId, width = 1000 }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string; width?: number }) {
  const { t } = useTranslation();
  const wide = useWide();
  return (
    <AuthPageFrame extra={wide ? <LanguageSwitch /> : undefined} title={title}>
      <div style={{ width, maxWidth: '100%', padding: '0 8px 24px', boxSizing: 'border-box' }}>
        <nav aria-label={t('portal.nav.label')} style={{ marginBottom: 8 }}>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {NAV.map((n) => (
              <li key={n.key}>
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
                  {t(`portal.nav.${n.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div data-testid={testId} style={{ background: '#fff', borderRadius: 8, boxShadow: '0 1px 2px rgba(0,0,0,0.06)' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', padding: '10px clamp(12px, 4vw, 24px)', borderBottom: `1px solid ${COLORS.border}` }}>
            <PageHeading fontSize={20}>{title}</PageHeading>
            {extra}
          </div>
          <div style={{ padding: '16px clamp(12px, 4vw, 24px)', color: COLORS.text }}>{children}</div>
        </div>
        {!wide && (
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <LanguageSwitch />
          </div>
        )}
      </div>
    </AuthPageFrame>
  );
}
