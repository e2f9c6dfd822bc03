import { Alert, Button, Descriptions, Form, Grid, Input, Popconfirm, Space, Typography } from 'antd';
import { GlobalOutlined, UnlockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { Hex } from './labels';
import { publicDrawPath, type DrawRecord } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/** The public record's page (opens in a new tab: the record and the in-browser verifier). */
export function PublicDrawButton({ drawId, testId }: { drawId: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Button icon={<GlobalOutlined />} href={publicDrawPath(drawId)} target="_blank" rel="noopener" data-testid={testId}>
      {t('spotcheckLots.openPublic')}
    </Button>
  );
}

/** What a committed draw has published: when, its commitment, and (once revealed) the witnesses' input. */
export function DrawFacts({ record, extra }: { record: DrawRecord; extra?: { key: string; label: string; children: React.ReactNode }[] }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const items = [
    ...(extra ?? []),
    { key: 'committedAt', label: label('committedAt'), children: formatDateTime(record.committedAt) },
    { key: 'commitment', label: label('commitment'), children: <Hex value={record.commitment} /> },
    ...(record.status === 'revealed'
      ? [
          { key: 'revealedAt', label: label('revealedAt'), children: formatDateTime(record.revealedAt) },
          { key: 'witness', label: label('witnessInput'), children: record.witnessInput ? <Typography.Text>{record.witnessInput}</Typography.Text> : t('common.none') },
        ]
      : []),
  ];
  return <Descriptions size="small" column={1} bordered={screens.md} layout={screens.md ? 'horizontal' : 'vertical'} items={items} />;
}

/**
 * The reveal of a committed draw: the witnesses type any text on the spot, then the result is
 * revealed (confirmed first: it is public at once and final).
 */
export function WitnessReveal({ onReveal, testId }: { onReveal: (witnessInput: string) => Promise<void>; testId: string }) {
  const { t } = useTranslation();
  const [witnessInput, setWitnessInput] = useState('');
  const [busy, setBusy] = useState(false);
  const label = (key: string) => t(`spotcheckLots.${key}`);
  const reveal = async () => {
    setBusy(true);
    try {
      await onReveal(witnessInput.trim());
      setWitnessInput('');
    } finally {
      setBusy(false);
    }
  };
  const inputId = `${testId}-witness`;
  return (
    <Form layout="vertical" name={inputId} component="div">
      <Form.Item label={<Typography.Text strong>{label('witnessInput')}</Typography.Text>} htmlFor={inputId} extra={label('witnessHint')}>
        <Input.TextArea id={inputId} value={witnessInput} onChange={(e) => setWitnessInput(e.target.value)} maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} data-testid={inputId} />
      </Form.Item>
      <Popconfirm title={label('revealConfirm')} okText={label('reveal')} cancelText={t('common.cancel')} onConfirm={() => void reveal()}>
        <Button type="primary" size="large" icon={<UnlockOutlined />} loading={busy} data-testid={testId}>
          {label('reveal')}
        </Button>
      </Popconfirm>
    </Form>
  );
}

/** The short "revealed" banner with the public record's link. */
export function RevealedBanner({ title, drawId, record, testId }: { title: string; drawId: string; record?: DrawRecord; testId: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      data-testid={testId}
      message={record?.revealedAt ? `${title} · ${formatDateTime(record.revealedAt)}` : title}
      description={
        record && (
          <Space direction="vertical" size={4} style={{ maxWidth: '100%' }}>
            <span>
              {t('spotcheckLots.commitment')}
              {t('common.colon')}
              <Hex value={record.commitment} />
            </span>
            {record.witnessInput && (
              <span>
                {t('spotcheckLots.witnessInput')}
                {t('common.colon')}
                {record.witnessInput}
              </span>
            )}
          </Space>
        )
      }
      action={<PublicDrawButton drawId={drawId} />}
    />
  );
}
