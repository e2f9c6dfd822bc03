/**
 * Light building blocks of the public pages (the portal's and the enterprise record): plain HTML
 * with inline styles instead of antd's heavier components, so that a public page stays within its
 * JavaScript budget (issue 20: ≤ 250 kB gzipped, `npm run size`). Colours meet WCAG AA on white.
 */
import { useState, useSyncExternalStore, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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
export function SearchBox({ label, placeholder, value, onSearch, testId, maxLength = 100 }: { label: string; placeholder: string; value: string; onSearch: (q: string) => void; testId?: string; maxLength?: number }) {
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
        maxLength={maxLength}
        onChange={(e) => setText(e.target.value)}
        style={{ flex: 1, minWidth: 0, minHeight: 40, padding: '0 12px', fontSize: 16, border: `1px solid ${COLORS.muted}`, borderRadius: 6, color: COLORS.text }}
      />
      <button type="submit" style={buttonStyle(true)}>
        {t('common.search')}
      </button>
    </form>
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

/** A column of a plain table: its header and how a row shows in it. */
export type Column<T> = { key: string; title: ReactNode; render: (row: T) => ReactNode; width?: number; align?: 'right' };

/** A plain table for wide screens: header cells, one row per item. */
export function PlainTable<T>({ columns, rows, rowKey, testId }: { columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; testId?: string }) {
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


/** Rows as a table on a wide screen and as a list of label–value cards on a phone; `empty` when there are none. */
export function Rows<T>({ columns, rows, rowKey, empty }: { columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; empty: ReactNode }) {
  const wide = useWide();
  if (rows.length === 0) return <Message>{empty}</Message>;
  if (wide) return <PlainTable columns={columns} rows={rows} rowKey={rowKey} />;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
      {rows.map((r) => (
        <li key={rowKey(r)} style={{ borderTop: `1px solid ${COLORS.border}`, paddingTop: 8 }}>
          <Facts items={columns.map((c) => ({ key: c.key, label: c.title, value: c.render(r) }))} />
        </li>
      ))}
    </ul>
  );
}
