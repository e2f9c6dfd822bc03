import { Alert, App, Button, Skeleton, Space, Steps, Typography } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { errorText, useNotifyError } from '../../../app/errors';
import { useAsync } from '../../../app/hooks/useAsync';
import type { DrawSummary as PlanDraw } from '../inspections.api';
import { AuditRecordButton } from './AuditRecordButton';
import { CommittedStep, StatementOf } from './CommittedStep';
import { DrawHashes } from './DrawHashes';
import { drawRecordApi, publicPagePath, type DrawSummary, type PublicRecord } from './drawRecord';
import { DrawRecordView } from './DrawRecordView';
import { PreviewStep } from './PreviewStep';
import '../draws.pages.i18n';

const STEPS = ['preview', 'commit', 'witness', 'reveal'] as const;

/** Commit refusals meaning the plan already has a live draw (pending, or revealed: a plan is drawn once); the reload shows that draw. */
const SHOWN_INSTEAD: Readonly<Record<string, string>> = { DRAW_PENDING: 'pendingShown', DRAW_REVEALED: 'revealedShown' };

interface Props {
  planId: string;
  /** The plan's draws, newest first; undefined while they load. */
  draws: PlanDraw[] | undefined;
  /** Reload the plan's draws (after a commit, a reveal or a cancellation). */
  onChanged: () => void;
}

/** A revealed draw: its values and the result with names (from the public record: the summary carries no lists). */
function RevealedView({ draw }: { draw: DrawSummary }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const record = useAsync<PublicRecord>(() => drawRecordApi.publicRecord(draw.id), draw.id);
  const label = (key: string) => t(`draws.ceremony.${key}`);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="success"
        showIcon
        message={label('alreadyRevealed')}
        description={draw.selectedCount != null ? t('draws.ceremony.selectedCount', { count: draw.selectedCount }) : undefined}
        action={
          <Button icon={<GlobalOutlined />} href={publicPagePath(draw.id)} target="_blank">
            {label('openPublic')}
          </Button>
        }
      />
      <DrawHashes draw={{ ...draw, secret: record.data?.secret }} />
      <StatementOf draw={draw} />
      {can('draw.audit') && <AuditRecordButton drawId={draw.id} statement={draw.commitStatement} />}
      {record.error ? (
        <Alert type="error" showIcon message={errorText(record.error, t)} />
      ) : record.data ? (
        <DrawRecordView record={record.data} />
      ) : (
        <Skeleton active />
      )}
      {draw.revealedByName && (
        <Typography.Text type="secondary">
          {label('revealedBy')}
          {t('common.colon')}
          {draw.revealedByName}
        </Typography.Text>
      )}
    </Space>
  );
}

/**
 * The draw ceremony of a plan, step by step: check the numbers, freeze the candidates and the
 * inspector pool and publish the commitment (the commit statement printed and shown as a QR code
 * for the witnesses), take the witnesses' input, reveal. The draw shown is the pending one, else
 * the revealed one; a cancelled draw sends the plan back to the first step.
 */
export function DrawCeremony({ planId, draws, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const focus = draws?.find((d) => d.status === 'committed') ?? draws?.find((d) => d.status === 'revealed');
  const current = useAsync(() => (focus ? drawRecordApi.summary(focus.id) : Promise.resolve(null)), `${focus?.id}:${focus?.status}`);
  const label = (key: string) => t(`draws.ceremony.${key}`);

  const commit = async () => {
    try {
      await drawRecordApi.commit(planId);
      void message.success(label('committed'));
    } catch (err) {
      // someone froze the candidates, or even revealed, meanwhile: say so, and show that draw instead
      const shown = err instanceof ApiError ? SHOWN_INSTEAD[err.code] : undefined;
      if (shown) void message.info(label(shown));
      else notifyError(err);
    }
    onChanged();
  };

  const reveal = async (witnessInput: string) => {
    try {
      await drawRecordApi.reveal(focus!.id, witnessInput);
      void message.success(label('revealed'));
    } catch (err) {
      notifyError(err);
    }
    onChanged();
  };

  const draw = focus && current.data?.id === focus.id && current.data.status === focus.status ? current.data : null;
  const step = !focus ? 0 : focus.status === 'committed' ? 2 : 3;

  let body;
  if (current.error) body = <Alert type="error" showIcon message={errorText(current.error, t)} />;
  else if (!draws) body = <Skeleton active />;
  else if (!focus) body = <PreviewStep planId={planId} onCommit={commit} />;
  else if (!draw) body = <Skeleton active />;
  else if (draw.status === 'committed') {
    body = (
      <CommittedStep
        draw={draw}
        onReveal={reveal}
        onCancelled={() => {
          void message.success(label('cancelled'));
          onChanged();
        }}
      />
    );
  } else body = <RevealedView draw={draw} />;

  return (
    <Space direction="vertical" size={24} style={{ width: '100%' }} data-testid="draw-ceremony">
      <Steps
        current={step}
        status={step === 3 ? 'finish' : 'process'}
        items={STEPS.map((s) => ({ key: s, title: label(`steps.${s}`) }))}
      />
      {body}
    </Space>
  );
}
