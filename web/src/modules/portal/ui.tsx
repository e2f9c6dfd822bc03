/**
 * The portal's own light building blocks (a kind label, the pager, a page's introduction and load error); the plain components shared
 * with the other public pages live in the shell (app/components/plain.tsx).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { buttonStyle, COLORS, Message, mutedText } from '../../app/components/plain';
import { errorText } from '../../app/errorText';
import './portal.pages.i18n';

export { Box, buttonStyle, COLORS, Facts, linkStyle, Message, mutedText, PlainTable, SearchBox, useWide } from '../../app/components/plain';

/** A small coloured label (the kind of a notice). */
export const Badge = ({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'danger' }) => (
  <span style={{ display: 'inline-block', padding: '0 6px', fontSize: 12, lineHeight: '20px', borderRadius: 4, whiteSpace: 'nowrap', border: '1px solid', color: tone === 'danger' ? COLORS.danger : COLORS.primary, borderColor: tone === 'danger' ? '#ffa39e' : '#91caff', background: tone === 'danger' ? '#fff1f0' : '#e6f4ff' }}>
    {children}
  </span>
);

/** Previous / next page with "page n of m"; nothing when everything fits on one page. */
export function Pager({ page, pageSize, total, onPage, maxPages }: { page: number; pageSize: number; total: number; onPage: (p: number) => void; maxPages?: number }) {
  const { t } = useTranslation();
  const pages = Math.min(Math.max(1, Math.ceil(total / pageSize)), maxPages ?? Infinity);
  if (pages <= 1) return null;
  const go = (p: number) => {
    onPage(p);
    window.scrollTo({ top: 0 });
  };
  return (
    <nav aria-label={t('portal.pager.label')} style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', gap: 12, marginTop: 12, flexWrap: 'wrap' }}>
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)} style={buttonStyle(false)}>
        {t('portal.pager.previous')}
      </button>
      <span style={{ color: COLORS.text }}>{t('portal.pager.of', { page, pages, total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => go(page + 1)} style={buttonStyle(false)}>
        {t('portal.pager.next')}
      </button>
    </nav>
  );
}


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
