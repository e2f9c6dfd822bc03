import { Alert, Button, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelled, withNote } from '../../../app/i18n/punctuation';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDateTime } from '../../../app/format';
import { AuditRecordButton } from './AuditRecordButton';
import { CancelDrawModal } from './CancelDrawModal';
import { CommitStatement } from './CommitStatement';
import { DrawHashes } from './DrawHashes';
import type { DrawSummary } from './drawRecord';
import { StrataCounts } from './StrataCounts';
import '../draws.pages.i18n';

interface Props {
  draw: DrawSummary;
  onReveal: (witnessInput: string) => Promise<void>;
  onCancelled: () => void;
}

/** The commit statement of a draw (printed, as a QR code) when it has one (`/2`). */
export function StatementOf({ draw }: { draw: DrawSummary }) {
  if (!draw.commitStatement) return null;
  return (
    <CommitStatement
      statement={draw.commitStatement}
      planName={draw.planName}
      drawId={draw.id}
      committedAt={draw.committedAt}
      values={{ commitment: draw.commitment, candidatesHash: draw.candidatesHash, inspectorPoolHash: draw.inspectorPoolHash, inspectorsPerTask: draw.inspectorsPerTask }}
    />
  );
}

/** Steps 2 and 3: the commit statement for the witnesses (printed, scanned), their input, and the reveal (or the cancellation). */
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
      <StatementOf draw={draw} />
      <DrawHashes draw={draw} />
      <StrataCounts strata={draw.strata} testId="draw-frozen" labelled={draw.version !== 'zhijian-draw/1'} />
      {can('draw.audit') && <AuditRecordButton drawId={draw.id} statement={draw.commitStatement} />}
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
