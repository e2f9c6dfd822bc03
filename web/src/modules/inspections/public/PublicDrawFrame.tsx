import { Card, Flex, Grid } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch';
import { AuthPageFrame, PageHeading } from '../../auth';
import '../draws.pages.i18n';

/**
 * The frame of the public draw pages: no login, outside the shell, like the public enterprise
 * lookup. On a phone the title has the card's header to itself, and the links (and the language
 * switch, which would cover the site's name up there) open the card's body.
 */
export function PublicDrawFrame({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md !== false;
  const links = extra ?? <Link to="/login">{t('draws.public.toLogin')}</Link>;
  return (
    <AuthPageFrame extra={wide ? <LanguageSwitch /> : undefined} title={title}>
      <Card
        title={<PageHeading>{title}</PageHeading>}
        style={{ width: 1100, maxWidth: 'calc(100vw - 16px)', marginBottom: 24 }}
        styles={{ header: { paddingBlock: 8 }, body: { paddingInline: wide ? 24 : 12 } }}
        extra={wide ? links : undefined}
      >
        {!wide && (
          <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 16 }}>
            {links}
            <LanguageSwitch />
          </Flex>
        )}
        {children}
      </Card>
    </AuthPageFrame>
  );
}
