/**
 * Light building blocks of the portal's public pages: plain HTML with inline styles instead of
 * antd's heavier components, so that a public page stays within the portal's JavaScript budget
 * (issue 20: ≤ 250 kB gzipped, `npm run size`). Colours meet WCAG AA on white.
 */
import { useState, useSyncExternalStore, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './portal.pages.i18n';

export const COLORS = { text: '#1f1f1f', muted: '#595959', link: '#0b57d0', primary: '#0b3d91', border: '#d9d9d9', soft: '#f5f7fa', danger: '#a8071a', warning: '#874d00' };

const WIDE = '(min-width: 768px)';
const subscribe = (change: () => void) => {
  const query = window.matchMedia(WIDE);
  query.addEventListener('change', change);
  return () => query.removeEventListener('change', change);
};
/** Whether the screen is wider than a phone (tables above, cards on a phone). */
export const useWide = () => useSyncExternalStore(subscribe, () => window.matchMedia(WIDE).matches);

export const mutedText: CSSProperties = { color: COLORS.muted, fontSize: 14 };
export const linkStyle: CSSProperties = { color: COLORS.link };

/** A bordered box with an optional heading (h2) and an action beside it. */
export function Box({ title, extra, children, testId }: { title?: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} style={{ border: `1px solid ${COLORS.border}`, borderRadius: 8, padding: '12px 16px', background: '#fff', minWidth: 0 }}>
      {title && (
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8, marginBottom: 8 }}>
          <h2 style={{ fontSize: 16, margin: 0, color: COLORS.text }}>{title}</h2>
          {extra}
        </div>
      )}
      {children}
    </section>
  );
}

/** A small coloured label (the kind of a notice). */
export const Badge = ({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'danger' }) => (
  <span style={{ display: 'inline-block', padding: '0 6px', fontSize: 12, lineHeight: '20px', borderRadius: 4, whiteSpace: 'nowrap', border: '1px solid', color: tone === 'danger' ? COLORS.danger : COLORS.primary, borderColor: tone === 'danger' ? '#ffa39e' : '#91caff', background: tone === 'danger' ? '#fff1f0' : '#e6f4ff' }}>
    {children}
  </span>
);

/** A message in place of content (an error, the rate limit, nothing found). */
export const Message = ({ children, tone = 'muted', testId }: { children: ReactNode; tone?: 'muted' | 'error' | 'warning'; testId?: string }) => (
  <div role={tone === 'muted' ? undefined : 'alert'} data-testid={testId} style={{ padding: '12px 16px', borderRadius: 8, textAlign: tone === 'muted' ? 'center' : 'left', color: tone === 'error' ? COLORS.danger : tone === 'warning' ? COLORS.warning : COLORS.muted, background: tone === 'error' ? '#fff1f0' : tone === 'warning' ? '#fffbe6' : COLORS.soft }}>
    {children}
  </div>
);

export const buttonStyle = (primary: boolean): CSSProperties => ({
  minHeight: 40,
  padding: '0 16px',
  fontSize: 15,
  borderRadius: 6,
  cursor: 'pointer',
  border: `1px solid ${primary ? COLORS.primary : COLORS.border}`,
  background: primary ? COLORS.primary : '#fff',
  color: primary ? '#fff' : COLORS.text,
});

/** A search form (role search): one labelled field and its button; the value is submitted trimmed. */
export function SearchBox({ label, placeholder, value, onSearch, testId }: { label: string; placeholder: string; value: string; onSearch: (q: string) => void; testId?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // a new value from outside (Back, a link) replaces what was typed
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form role="search" onSubmit={submit} style={{ display: 'flex', gap: 8, width: '100%' }} data-testid={testId}>
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={text}
        maxLength={100}
        onChange={(e) => setText(e.target.value)}
        style={{ flex: 1, minWidth: 0, minHeight: 40, padding: '0 12px', fontSize: 16, border: `1px solid ${COLORS.muted}`, borderRadius: 6, color: COLORS.text }}
      />
      <button type="submit" style={buttonStyle(true)}>
        {t('portal.search')}
      </button>
    </form>
  );
}

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

/** Label–value pairs (a description list), one a line. */
export function Facts({ items }: { items: { key: string; label: ReactNode; value: ReactNode }[] }) {
  return (
    <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 12, rowGap: 4 }}>
      {items.map((i) => (
        <div key={i.key} style={{ display: 'contents' }}>
          <dt style={{ color: COLORS.muted, whiteSpace: 'nowrap' }}>{i.label}</dt>
          <dd style={{ margin: 0, color: COLORS.text, minWidth: 0, overflowWrap: 'anywhere' }}>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A plain table for wide screens: header cells, one row per item. */
export function PlainTable<T>({ columns, rows, rowKey, testId }: { columns: { key: string; title: ReactNode; render: (row: T) => ReactNode; width?: number; align?: 'right' }[]; rows: T[]; rowKey: (row: T) => string; testId?: string }) {
  const cell: CSSProperties = { padding: '8px', borderBottom: `1px solid ${COLORS.border}`, textAlign: 'left', verticalAlign: 'top' };
  return (
    <table data-testid={testId} style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14, color: COLORS.text }}>
      <thead>
        <tr style={{ background: COLORS.soft }}>
          {columns.map((c) => (
            <th key={c.key} scope="col" style={{ ...cell, width: c.width, textAlign: c.align ?? 'left', fontWeight: 600 }}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)}>
            {columns.map((c) => (
              <td key={c.key} style={{ ...cell, textAlign: c.align ?? 'left', overflowWrap: 'anywhere' }}>
                {c.render(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
