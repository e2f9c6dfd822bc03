import { Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draw } from '../inspections.api';

/** A hash or seed: monospace, wrapped anywhere, with a copy button. */
function Hex({ value, testId }: { value: string; testId: string }) {
  return (
    <Typography.Text copyable code data-testid={testId} style={{ fontFamily: 'monospace', fontSize: 15, wordBreak: 'break-all' }}>
      {value}
    </Typography.Text>
  );
}

/**
 * The values witnesses note and anyone can check: the candidate hash and the commitment (from the
 * commit on), the secret, the witness input and the seed (after the reveal).
 */
export function DrawHashes({ draw }: { draw: Draw }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.record.${key}`);
  const revealed = draw.seed !== undefined;
  const rows: { key: string; children: ReactNode }[] = [
    { key: 'candidatesHash', children: <Hex value={draw.candidatesHash} testId="draw-candidates-hash" /> },
    { key: 'commitment', children: <Hex value={draw.commitment} testId="draw-commitment" /> },
  ];
  if (revealed) {
    rows.push(
      { key: 'secret', children: <Hex value={draw.secret ?? ''} testId="draw-secret" /> },
      {
        key: 'witnessInput',
        children: draw.witnessInput ? (
          <Typography.Text data-testid="draw-witness-input">{draw.witnessInput}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{label('emptyWitness')}</Typography.Text>
        ),
      },
      { key: 'seed', children: <Hex value={draw.seed ?? ''} testId="draw-seed" /> },
    );
  }
  rows.push({ key: 'version', children: <Typography.Text code>{draw.version}</Typography.Text> });
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="draw-hashes"
      styles={{ label: { width: 160 } }}
      items={rows.map((r) => ({ key: r.key, label: label(r.key), children: r.children }))}
    />
  );
}
