import { Alert, Card, Flex, Grid, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../../app/errorText';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch';
import { AuthPageFrame, PageHeading } from '../auth';
import './portal.pages.i18n';

const NAV = [
  { to: '/public', key: 'home' },
  { to: '/public/dishonest-list', key: 'dishonest' },
  { to: '/public/notices', key: 'notices' },
  { to: '/public/open-data', key: 'openData' },
] as const;

/** Whether the screen is wider than a phone (tables above, cards on a phone). */
export const useWide = () => Grid.useBreakpoint().md !== false;

/** Whether an error is the public routes' rate limit (429). */
export const isRateLimited = (err: unknown) => err instanceof ApiError && err.status === 429;

/** A public page's load error: the rate limit as a warning, anything else as an error. */
export function PublicError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const limited = isRateLimited(error);
  return <Alert type={limited ? 'warning' : 'error'} showIcon role="alert" message={limited ? t('portal.rateLimited') : errorText(error, t)} />;
}

/** A page's introduction under its heading. */
export const Intro = ({ children }: { children: ReactNode }) => (
  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
    {children}
  </Typography.Paragraph>
);

/**
 * The frame of the portal's public pages (信息公开): no sign-in, outside the shell; the banner and
 * main landmark of the public frame, a named navigation landmark between the portal's pages, the
 * page's h1 and its content.
 */
export function PortalFrame({ title, extra, children, testId, width = 1000 }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string; width?: number }) {
  const { t } = useTranslation();
  const wide = useWide();
  return (
    <AuthPageFrame extra={wide ? <LanguageSwitch /> : undefined} title={title}>
      <div style={{ width, maxWidth: '100%', padding: '0 8px 24px', boxSizing: 'border-box' }}>
        <nav aria-label={t('portal.nav.label')} style={{ marginBottom: 8 }}>
          <Flex wrap gap={8} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {NAV.map((n) => (
              <li key={n.key}>
                <NavLink
                  to={n.to}
                  end={n.to === '/public'}
                  style={({ isActive }) => ({
                    display: 'inline-block',
                    padding: '4px 12px',
                    borderRadius: 16,
                    background: isActive ? '#fff' : 'rgba(255,255,255,0.16)',
                    color: isActive ? '#0b3d91' : '#fff',
                    fontWeight: isActive ? 600 : 400,
                  })}
                >
                  {t(`portal.nav.${n.key}`)}
                </NavLink>
              </li>
            ))}
          </Flex>
        </nav>
        <div data-testid={testId}>
          <Card
            title={<PageHeading fontSize={20}>{title}</PageHeading>}
            extra={wide ? extra : undefined}
            styles={{ header: { paddingBlock: 8 }, body: { padding: '16px clamp(12px, 4vw, 24px)' } }}
          >
            {!wide && extra && (
              <Flex wrap gap={12} style={{ marginBottom: 12 }}>
                {extra}
              </Flex>
            )}
            {children}
          </Card>
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
