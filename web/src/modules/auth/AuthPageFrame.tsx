import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Full-page frame for the login page: system name, subtitle, centered content. */
export function AuthPageFrame({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 24,
        background: 'linear-gradient(160deg, #0b3d91 0%, #1d6fd1 55%, #e8f0fb 55%)',
        position: 'relative',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24, color: '#fff' }}>{extra}</div>
      <div style={{ textAlign: 'center' }}>
        <Typography.Title level={2} style={{ color: '#fff', marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>{t('login.subtitle')}</Typography.Text>
      </div>
      {children}
    </div>
  );
}
