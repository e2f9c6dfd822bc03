import { Card, Grid } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch';
import { AuthPageFrame, PageHeading } from '../auth';
import './complaintsPublic.pages.i18n';

/**
 * The public complaint pages' frame: the site's header band and one card, full width on a phone
 * (where the language switch moves below the card: at the top it would cover the site's name).
 */
export function PublicFrame({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  const wide = Grid.useBreakpoint().sm !== false;
  return (
    <AuthPageFrame extra={wide ? <LanguageSwitch /> : undefined} title={title}>
      <div style={{ width: 720, maxWidth: '100%', padding: '0 8px 24px', boxSizing: 'border-box' }} data-testid={testId}>
        <Card title={<PageHeading>{title}</PageHeading>} extra={extra} styles={{ body: { padding: '16px clamp(12px, 4vw, 24px)' } }}>
          {children}
        </Card>
        {!wide && (
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <LanguageSwitch />
          </div>
        )}
      </div>
    </AuthPageFrame>
  );
}
