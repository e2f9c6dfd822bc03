import { Alert, Button, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelled, withNote } from '../../../app/i18n/punctuation';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDateTime } from '../../../app/format';
import type { Draw } from '../inspections.api';
import { CancelDrawModal } from './CancelDrawModal';
import { DrawHashes } from './DrawHashes';
import { StrataCounts } from './StrataCounts';

interface Props {
  draw: Draw;
  onReveal: (witnessInput: string) => Promise<void>;
  onCancelled: () => void;
}

/** Steps 2 and 3: the published hashes for the witnesses to note, their input, and the reveal (or the cancellation). */
export function CommittedStep({ draw, onReveal, onCancelled }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [witnessInput, setWitnessInput] = useState('');
  const [revealing, setRevealing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const label = (key: string) => t(`draws.ceremony.${key}`);
  const mayAct = can('inspection.plan');

  const reveal = () => {
    setRevealing(true);
    onReveal(witnessInput).finally(() => setRevealing(false));
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="success"
        showIcon
        message={withNote(t, label('committed'), labelled(t, label('committedAt'), formatDateTime(draw.committedAt)))}
        description={label('noteHashes')}
      />
      <DrawHashes draw={draw} />
      <StrataCounts strata={draw.strata.map((s) => ({ name: s.name, n: s.candidates.length, k: s.k }))} testId="draw-frozen" />
      {mayAct && (
        <Form layout="vertical" name="witness">
          <Form.Item label={<Typography.Text strong>{label('witnessInput')}</Typography.Text>} htmlFor="witness-input" extra={label('witnessHint')}>
            <Input.TextArea
              id="witness-input"
              value={witnessInput}
              onChange={(e) => setWitnessInput(e.target.value)}
              maxLength={200}
              showCount
              autoSize={{ minRows: 2, maxRows: 4 }}
            />
          </Form.Item>
          <Space>
            <Popconfirm title={label('revealConfirm')} onConfirm={reveal} okText={label('reveal')} cancelText={t('common.cancel')}>
              <Button type="primary" size="large" icon={<UnlockOutlined />} loading={revealing}>
                {label('reveal')}
              </Button>
            </Popconfirm>
            <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} disabled={revealing}>
              {label('cancel')}
            </Button>
          </Space>
        </Form>
      )}
      <CancelDrawModal drawId={cancelling ? draw.id : null} onClose={() => setCancelling(false)} onCancelled={onCancelled} />
    </Space>
  );
}
