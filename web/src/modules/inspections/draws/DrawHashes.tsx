import { Descriptions, Grid, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../draws.pages.i18n';

/** The values of a draw that witnesses note and anyone can check (a public record and a staff summary both have them). */
export interface DrawValues {
  version: string;
  commitment: string;
  candidatesHash: string;
  /** `/2` only. */
  inspectorPoolHash?: string | null;
  inspectorsPerTask?: number | null;
  /** After the reveal (the public record has it; the staff summary does not). */
  secret?: string | null;
  witnessInput?: string | null;
  seed?: string | null;
}

/** A hash or seed: monospace, wrapped anywhere, with a copy button. */
export function Hex({ value, testId }: { value: string; testId?: string }) {
  return (
    <Typography.Text copyable code data-testid={testId} style={{ fontFamily: 'monospace', fontSize: 14, wordBreak: 'break-all' }}>
      {value}
    </Typography.Text>
  );
}

/**
 * The values fixed at the commit (commitment, candidate hash, inspector pool hash, inspectors per
 * task) and, after the reveal, the secret, the witness input and the seed.
 */
export function DrawHashes({ draw }: { draw: DrawValues }) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md !== false;
  const label = (key: string) => t(`draws.record.${key}`);
  const rows: { key: string; children: ReactNode }[] = [
    { key: 'commitment', children: <Hex value={draw.commitment} testId="draw-commitment" /> },
    { key: 'candidatesHash', children: <Hex value={draw.candidatesHash} testId="draw-candidates-hash" /> },
  ];
  if (draw.inspectorPoolHash) rows.push({ key: 'inspectorPoolHash', children: <Hex value={draw.inspectorPoolHash} testId="draw-pool-hash" /> });
  if (draw.inspectorsPerTask != null) rows.push({ key: 'inspectorsPerTask', children: <span data-testid="draw-per-task">{draw.inspectorsPerTask}</span> });
  if (draw.seed != null) {
    if (draw.secret) rows.push({ key: 'secret', children: <Hex value={draw.secret} testId="draw-secret" /> });
    rows.push(
      {
        key: 'witnessInput',
        children: draw.witnessInput ? (
          <Typography.Text data-testid="draw-witness-input">{draw.witnessInput}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{label('emptyWitness')}</Typography.Text>
        ),
      },
      { key: 'seed', children: <Hex value={draw.seed} testId="draw-seed" /> },
    );
  }
  rows.push({ key: 'version', children: <Typography.Text code>{draw.version}</Typography.Text> });
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      layout={wide ? 'horizontal' : 'vertical'}
      data-testid="draw-hashes"
      styles={{ label: wide ? { width: 150 } : {} }}
      items={rows.map((r) => ({ key: r.key, label: label(r.key), children: r.children }))}
    />
  );
}
