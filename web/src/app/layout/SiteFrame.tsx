import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../hooks/usePageTitle';

const MAIN_ID = 'main-content';

/** Moves the keyboard focus to the main content (the skip link), without a #fragment in the address. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById(MAIN_ID)?.focus();
}

/**
 * Full-page frame of the sign-in and public pages: a skip link (跳到主要内容), the banner with the
 * system's name and subtitle (`extra` at its top right: the language switch), the page's content
 * as the one main landmark, and an optional `footer` (the public pages' contentinfo) after it.
 * `title` names the browser tab ("<title> - 质监监管平台"); the page shows it as its h1 (PageHeading.tsx,
 * a file of its own so that the sign-in page, which has its own h1, does not load it).
 */
export function SiteFrame({ children, extra, title, footer }: { children: ReactNode; extra?: ReactNode; title?: string; footer?: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title);
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
      <a className="zj-skip-link" href={`#${MAIN_ID}`} onClick={skipToMain}>
        {t('header.skipToMain')}
      </a>
      <header style={{ width: '100%', textAlign: 'center', paddingTop: footer ? 24 : 0 }}>
        {extra && <div style={{ position: 'absolute', top: 16, right: 24, color: '#fff' }}>{extra}</div>}
        {/* the site's name is no heading: each page's own title is its h1 */}
        <p style={{ color: '#fff', margin: '0 0 4px', fontSize: 30, fontWeight: 600, lineHeight: 1.35 }}>{t('app.name')}</p>
        <span style={{ color: 'rgba(255,255,255,0.85)' }}>{t('login.subtitle')}</span>
      </header>
      <main id={MAIN_ID} tabIndex={-1} style={{ width: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 24, outline: 'none' }}>
        {children}
      </main>
      {footer}
    </div>
  );
}

