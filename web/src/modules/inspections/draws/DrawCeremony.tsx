import { Alert, App, Button, Skeleton, Space, Steps } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { errorText, useNotifyError } from '../../../app/errors';
import { useAsync } from '../../../app/hooks/useAsync';
import { drawsApi, publicDrawsApi, type DrawSummary } from '../inspections.api';
import { CommittedStep } from './CommittedStep';
import { DrawHashes } from './DrawHashes';
import { DrawRecordView } from './DrawRecordView';
import { PreviewStep } from './PreviewStep';
import { publicDrawPath } from '../shared';
import { useInspectorNames } from './useInspectorNames';

const STEPS = ['preview', 'commit', 'witness', 'reveal'] as const;

/** Commit refusals meaning the plan already has a live draw (pending, or revealed: a plan is drawn once); the reload shows that draw. */
const SHOWN_INSTEAD: Readonly<Record<string, string>> = { DRAW_PENDING: 'pendingShown', DRAW_REVEALED: 'revealedShown' };

interface Props {
  planId: string;
  /** The plan's draws, newest first; undefined while they load. */
  draws: DrawSummary[] | undefined;
  /** Reload the plan's draws (after a commit, a reveal or a cancellation). */
  onChanged: () => void;
}

/**
 * The draw ceremony of a plan, step by step: check the numbers, freeze the candidates and publish
 * the commitment, take the witnesses' input, reveal. The draw shown is the pending one, else the
 * revealed one; a cancelled draw sends the plan back to the first step.
 */
export function DrawCeremony({ planId, draws, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const nameOf = useInspectorNames();
  const focus = draws?.find((d) => d.status === 'committed') ?? draws?.find((d) => d.status === 'revealed');
  const current = useAsync(() => (focus ? publicDrawsApi.get(focus.id) : Promise.resolve(null)), `${focus?.id}:${focus?.status}`);
  const label = (key: string) => t(`draws.ceremony.${key}`);

  const commit = async () => {
    try {
      await drawsApi.commit(planId);
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
      await drawsApi.reveal(focus!.id, witnessInput);
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
  } else {
    body = (
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          type="success"
          showIcon
          message={label('alreadyRevealed')}
          action={
            <Button icon={<GlobalOutlined />} href={publicDrawPath(draw.id)} target="_blank">
              {label('openPublic')}
            </Button>
          }
        />
        <DrawHashes draw={draw} />
        <DrawRecordView draw={draw} nameOf={nameOf} />
      </Space>
    );
  }

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
