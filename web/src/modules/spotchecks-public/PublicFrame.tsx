import { Card, Flex, Grid } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch';
import { AuthPageFrame, PageHeading } from '../auth';
import './spotchecksPublic.pages.i18n';

const NAV = [
  { to: '/public/spotcheck-results', key: 'results' },
  { to: '/public/spotcheck-bulletins', key: 'bulletins' },
  { to: '/public/spotcheck-selections', key: 'selections' },
  { to: '/public/enterprise', key: 'lookup' },
] as const;

/** Whether the screen is wider than a phone (cards on a phone, tables above). */
export const useWide = () => Grid.useBreakpoint().md !== false;

/**
 * The frame of the spot checks' public pages: no sign-in, outside the shell like the public
 * look-up; a navigation landmark between the pages, the page's heading (h1) and its content (in the frame's main landmark).
 */
export function PublicFrame({ title, extra, children, testId, width = 1100 }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string; width?: number }) {
  const { t } = useTranslation();
  const wide = useWide();
  return (
    <AuthPageFrame extra={wide ? <LanguageSwitch /> : undefined} title={title}>
      <div style={{ width, maxWidth: '100%', padding: '0 8px 24px', boxSizing: 'border-box' }}>
        <nav aria-label={t('scPublic.nav.label')} style={{ marginBottom: 8 }}>
          <Flex wrap gap={8} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {NAV.map((n) => (
              <li key={n.key}>
                <NavLink
                  to={n.to}
                  end
                  style={({ isActive }) => ({
                    display: 'inline-block',
                    padding: '4px 12px',
                    borderRadius: 16,
                    background: isActive ? '#fff' : 'rgba(255,255,255,0.16)',
                    color: isActive ? '#0b3d91' : '#fff',
                    fontWeight: isActive ? 600 : 400,
                  })}
                >
                  {t(`scPublic.nav.${n.key}`)}
                </NavLink>
              </li>
            ))}
          </Flex>
        </nav>
        <div data-testid={testId}>
          <Card
            title={
              <PageHeading fontSize={20}>{title}</PageHeading>
            }
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
