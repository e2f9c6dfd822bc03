import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch';
import { AuthPageFrame } from '../../auth/AuthPageFrame';

/** The frame of the public draw pages: no login, outside the shell, like the public enterprise lookup. */
export function PublicDrawFrame({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <AuthPageFrame extra={<LanguageSwitch />}>
      <Card
        title={title}
        style={{ width: 1100, maxWidth: 'calc(100vw - 16px)', marginBottom: 24 }}
        styles={{ header: { flexWrap: 'wrap', rowGap: 8, paddingBlock: 8 }, body: { paddingInline: 'clamp(12px, 3vw, 24px)' } }}
        extra={extra ?? <Link to="/login">{t('draws.public.toLogin')}</Link>}
      >
        {children}
      </Card>
    </AuthPageFrame>
  );
}
