import { Alert, App, Button, Descriptions, Form, Input, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { GlobalOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { useNotifyError } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { campaignsApi, planPath, publicDrawPath, type CampaignDetail, type CampaignDraw as Draw } from './campaigns.api';
import './campaigns.pages.i18n';

/** Commit refusals meaning the plan already has a live draw; the reload shows it. */
const SHOWN_INSTEAD: Readonly<Record<string, string>> = { DRAW_PENDING: 'pendingShown', DRAW_REVEALED: 'revealedShown' };

const DRAW_COLORS: Readonly<Record<string, string>> = { committed: 'processing', revealed: 'green', cancelled: 'default' };

function Hex({ value }: { value: string }) {
  return (
    <Typography.Text code copyable={{ text: value }} style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>
      {value}
    </Typography.Text>
  );
}

/**
 * The campaign's lottery, as the inspection plans' ceremony does it: commit through the campaign
 * (candidates and inspector pool frozen, commitment published), the witnesses' input, the reveal;
 * every draw links to its public record, where anyone can verify it. The plan's own page keeps the
 * full procedure (preview, printed statement, cancellation).
 */
export function CampaignDraw({ campaign, onChanged }: { campaign: CampaignDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const items = campaign.draws;
  const focus = items.find((d) => d.status === 'committed') ?? items.find((d) => d.status === 'revealed');
  // the summary of a revealed draw tells how many were selected (the history rows do not)
  // (inspection readers only: without it, no count)
  const summary = useAsync(() => (focus?.status === 'revealed' && can('inspection.read') ? campaignsApi.draw(focus.id) : Promise.resolve(null)), `${focus?.id}:${focus?.status}`);
  const [witnessInput, setWitnessInput] = useState('');
  const [busy, setBusy] = useState(false);
  const label = (key: string) => t(`campaigns.${key}`);
  const mayCommit = can('campaign.manage');
  // the reveal is the draw engine's (POST /api/draws/:id/reveal: inspection.plan)
  const mayReveal = can('inspection.plan');

  const commit = async () => {
    setBusy(true);
    try {
      await campaignsApi.commitDraw(campaign.id);
      void message.success(label('committed'));
    } catch (err) {
      const shown = err instanceof ApiError ? SHOWN_INSTEAD[err.code] : undefined;
      if (shown) void message.info(label(shown));
      else notifyError(err);
    } finally {
      setBusy(false);
    }
    onChanged();
  };

  const reveal = async () => {
    if (!focus) return;
    setBusy(true);
    try {
      await campaignsApi.reveal(focus.id, witnessInput.trim());
      void message.success(label('revealed'));
      setWitnessInput('');
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
    onChanged();
  };

  const columns: TableColumnsType<Draw> = [
    { title: t('common.status'), dataIndex: 'status', className: 'zj-nowrap', render: (s: string) => <Tag color={DRAW_COLORS[s] ?? 'default'}>{t(`campaigns.drawStatus.${s}`, { defaultValue: s })}</Tag> },
    { title: label('committedAt'), dataIndex: 'committedAt', className: 'zj-nowrap', render: (v: string) => formatDateTime(v) },
    { title: label('revealedAt'), dataIndex: 'revealedAt', className: 'zj-nowrap', render: (v: string | null) => formatDateTime(v) },
    {
      title: label('openPublic'),
      key: 'public',
      className: 'zj-nowrap',
      render: (_: unknown, d) => (
        <Typography.Link href={publicDrawPath(d.id)} target="_blank">
          {`${d.commitment.slice(0, 16)}…`}
        </Typography.Link>
      ),
    },
  ];

  let body;
  if (!focus) {
    body = (
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Alert type="info" showIcon message={label('noDraw')} description={label('lotteryIntro')} />
        {mayCommit && (
          <Popconfirm title={label('commitConfirm')} okText={label('commit')} cancelText={t('common.cancel')} onConfirm={() => void commit()}>
            <Button type="primary" size="large" icon={<LockOutlined />} loading={busy} data-testid="campaign-commit">
              {label('commit')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  } else if (focus.status === 'committed') {
    body = (
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Alert
          type="success"
          showIcon
          message={label('committed')}
          description={`${label('committedAt')}${t('common.colon')}${formatDateTime(focus.committedAt)}`}
          action={
            <Button icon={<GlobalOutlined />} href={publicDrawPath(focus.id)} target="_blank">
              {label('openPublic')}
            </Button>
          }
        />
        <Descriptions size="small" column={1} bordered items={[{ key: 'c', label: label('commitment'), children: <Hex value={focus.commitment} /> }]} />
        {mayReveal && (
          <Form layout="vertical" name="campaign-witness">
            <Form.Item label={<Typography.Text strong>{label('witnessInput')}</Typography.Text>} htmlFor="campaign-witness-input" extra={label('witnessHint')}>
              <Input.TextArea id="campaign-witness-input" value={witnessInput} onChange={(e) => setWitnessInput(e.target.value)} maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
            <Popconfirm title={label('revealConfirm')} okText={label('reveal')} cancelText={t('common.cancel')} onConfirm={() => void reveal()}>
              <Button type="primary" size="large" icon={<UnlockOutlined />} loading={busy} data-testid="campaign-reveal">
                {label('reveal')}
              </Button>
            </Popconfirm>
          </Form>
        )}
      </Space>
    );
  } else {
    body = (
      <Alert
        type="success"
        showIcon
        data-testid="campaign-revealed"
        message={`${label('revealed')} · ${formatDateTime(focus.revealedAt)}`}
        description={
          <Space direction="vertical" size={4}>
            {summary.data?.selectedCount != null && <span>{t('campaigns.selectedCount', { count: summary.data.selectedCount })}</span>}
            {!focus.tasksCreatedAt && <Tag color="processing">{label('tasksPending')}</Tag>}
            <span>
              {label('commitment')}
              {t('common.colon')}
              <Hex value={focus.commitment} />
            </span>
          </Space>
        }
        action={
          <Button icon={<GlobalOutlined />} href={publicDrawPath(focus.id)} target="_blank" data-testid="campaign-public-draw">
            {label('openPublic')}
          </Button>
        }
      />
    );
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="campaign-draw">
      {body}
      <Link to={planPath(campaign.planId)}>{label('fullCeremony')}</Link>
      {items.length > 0 && (
        <>
          <Typography.Text strong>{label('history')}</Typography.Text>
          <Table<Draw> size="small" rowKey="id" columns={columns} dataSource={items} pagination={false} scroll={{ x: 'max-content' }} />
        </>
      )}
    </Space>
  );
}
