import type { ReactNode } from 'react';

/**
 * A page's title as its h1, in the size of the card header it sits in (or a size of its own).
 * A plain h1 in antd's heading colour and weight: antd's Typography would add its editing code
 * (≈ 45 kB gzipped) to every public page.
 */
export function PageHeading({ children, fontSize = 'inherit' }: { children: ReactNode; fontSize?: number | 'inherit' }) {
  return <h1 style={{ fontSize, lineHeight: 'inherit', margin: 0, whiteSpace: 'normal', fontWeight: 600, color: 'rgba(0, 0, 0, 0.88)' }}>{children}</h1>;
}
