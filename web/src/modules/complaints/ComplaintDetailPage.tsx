import { Alert, App, Button, Card, Descriptions, Empty, Grid, List, Popconfirm, Space, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, EyeOutlined, LinkOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isStale } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { useNotifyError } from '../../app/errors';
import { formatDate, formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { withNote } from '../../app/i18n/punctuation';
import { enterprisePath } from '../enterprises';
import { useRegions } from '../regions';
import './complaints.pages.i18n';
import { complaintsApi, type Complaint, type ComplaintAction, type Deadline, type Reward } from './complaints.api';
import { ActionModal, type FormAction } from './ActionModal';
import { KindTag, DueOn, ReporterText, RewardStatusTag, StatusTag, UrgentTag, useTopics } from './labels';
import { LinkModal, linkPath } from './LinkModal';
import { ProposeRewardModal, RewardButtons, yuan } from './RewardActions';

/** The details' grid: 1, 2 or 3 columns by width. */
const COLUMNS = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 };
/** The outcome's grid (2 columns), and an item across it. */
const WIDE2 = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 };

const bool = (t: (k: string) => string, v: boolean | null | undefined) => (v === null || v === undefined ? t('common.none') : v ? t('common.yes') : t('common.no'));

/** Text the reporter or an officer typed: shown as text (React escapes it), line breaks kept. */
function Text({ children }: { children: string | null | undefined }) {
  const { t } = useTranslation();
  if (!children) return <>{t('common.none')}</>;
  return <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{children}</div>;
}

function Clocks({ deadlines }: { deadlines: Deadline[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Deadline> = [
    { title: t('complaints.clock'), dataIndex: 'kind', render: (k: string, d) => (d.extended ? <Space size={4}>{t(`complaints.clocks.${k}`)}<Tag>{t('complaints.extended')}</Tag></Space> : t(`complaints.clocks.${k}`)) },
    { title: t('complaints.dueOn'), dataIndex: 'dueOn', className: 'zj-nowrap', render: (_: unknown, d) => <DueOn deadline={d} /> },
    {
      title: t('complaints.clockState'),
      dataIndex: 'state',
      className: 'zj-nowrap',
      render: (s: Deadline['state'], d) => (
        <Space size={4}>
          <Tag color={s === 'met' ? 'green' : s === 'missed' || s === 'overdue' ? 'red' : s === 'cancelled' ? 'default' : 'blue'}>{t(`complaints.clockStates.${s}`)}</Tag>
          {d.metOn && <Typography.Text type="secondary">{formatDate(d.metOn)}</Typography.Text>}
        </Space>
      ),
    },
  ];
  return <Table<Deadline> size="small" rowKey="kind" columns={columns} dataSource={deadlines} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('complaints.noClocks') }} data-testid="complaint-clocks" />;
}

/** The reward block of a report: shown once it is substantiated (or when it has rewards). */
function Rewards({ complaint: c }: { complaint: Complaint }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [proposing, setProposing] = useState(false);
  const { data, reload } = useAsync(() => complaintsApi.rewards({ complaintId: c.id, pageSize: 50 }), `${c.id}:${c.version}`);
  const rewards = data?.items ?? [];
  const onChanged = reload;
  const onStale = reload;
  if (!(c.kind === 'report' && c.substantiated) && rewards.length === 0) return null;
  const open = rewards.some((r) => r.status !== 'rejected');
  const columns: TableColumnsType<Reward> = [
    { title: t('complaints.rewardAmount'), dataIndex: 'amount', render: (v: string) => yuan(v) },
    { title: t('complaints.rewardBasis'), dataIndex: 'basis', responsive: ['md'], render: (b: Reward['basis'], r) => (b === 'scale' ? withNote(t, t('complaints.rewardModes.scale'), r.level ?? '') : withNote(t, t('complaints.rewardModes.fine_percent'), yuan(r.caseFine))) },
    { title: t('complaints.status'), dataIndex: 'status', render: (s: Reward['status']) => <RewardStatusTag status={s} /> },
    { title: t('complaints.rewardProposedBy'), dataIndex: 'proposedByName', responsive: ['lg'], render: (v: string, r) => `${v} ${formatDate(r.proposedAt)}` },
    { title: t('complaints.rewardPaidOn'), dataIndex: 'paidOn', responsive: ['md'], render: (v: string | null) => formatDate(v) },
    { title: t('common.actions'), key: 'actions', render: (_: unknown, r) => <RewardButtons reward={r} size="small" onDone={onChanged} onStale={onStale} /> },
  ];
  return (
    <Card
      title={t('complaints.rewards')}
      data-testid="complaint-rewards"
      extra={
        can('complaint.write') && !open && (
          <Button icon={<PlusOutlined />} onClick={() => setProposing(true)}>
            {t('complaints.rewardPropose')}
          </Button>
        )
      }
    >
      <Table<Reward> size="small" rowKey="id" columns={columns} dataSource={rewards} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('complaints.noRewards') }} />
      <ProposeRewardModal complaintId={c.id} open={proposing} onClose={() => setProposing(false)} onDone={onChanged} />
    </Card>
  );
}

/** One item: header, clocks, what was submitted, the reporter (masked; audited reveal), files, timeline, links, the allowed actions and the reward. */
export function ComplaintDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const id = useParams().id ?? '';
  const regions = useRegions();
  const topics = useTopics();
  const { data, error, loading, reload } = useAsync(() => complaintsApi.get(id), id);
  const [revealed, setRevealed] = useState<Complaint | null>(null);
  const [action, setAction] = useState<FormAction | null>(null);
  const [linking, setLinking] = useState(false);
  const screens = Grid.useBreakpoint();
  // on a phone the labels go above their values (a narrow label column breaks every word)
  const layout = screens.sm === false ? ('vertical' as const) : ('horizontal' as const);

  if (error || !data) return <DetailPending error={error} loading={loading} />;
  const c = data;
  const shown = revealed?.id === c.id ? revealed : null;
  const writable = can('complaint.write');
  const actions = c.allowedActions.filter((a) => a !== 'extend' || can('complaint.approve'));
  const stale = () => {
    setRevealed(null);
    reload();
  };
  const done = (saved: Complaint) => {
    setAction(null);
    setLinking(false);
    void message.success(t('complaints.done', { status: t(`complaints.statuses.${saved.status}`) }));
    setRevealed(null);
    reload();
  };
  const run = (a: ComplaintAction) => (a === 'link' ? setLinking(true) : setAction(a));

  const reveal = async () => {
    try {
      setRevealed(await complaintsApi.get(c.id, true));
    } catch (err) {
      notifyError(err);
    }
  };
  const acknowledge = async () => {
    try {
      await complaintsApi.acknowledge(c);
      void message.success(t('complaints.acknowledged'));
      reload();
    } catch (err) {
      if (isStale(err)) {
        // changed by someone else since it was loaded: show the current version
        void message.warning(t('errors.staleReloaded'));
        stale();
      } else notifyError(err);
    }
  };

  const subject = c.subjectName ? (
    c.subjectUscc && c.subjectEnterpriseId ? <Link to={enterprisePath(c.subjectUscc)}>{c.subjectName}</Link> : c.subjectName
  ) : null;
  const reporter = shown?.reporter ?? c.reporter;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="complaint-header"
        back={{ path: '/complaints', label: t('complaints.backToList') }}
        title={<span style={{ fontFamily: 'monospace' }}>{c.trackingNo}</span>}
        tags={
          <>
            <KindTag kind={c.kind} />
            <StatusTag status={c.status} />
            <UrgentTag urgent={c.urgent} />
          </>
        }
        subtitle={[c.orgName ?? regions.nameOf(c.regionCode), c.sectionName, c.handlerName ? t('complaints.handlerIs', { name: c.handlerName }) : t('complaints.noHandler')].filter(Boolean).join(' · ')}
      >
        {writable && (actions.length > 0 || !c.acknowledgedAt) && (
          <Space wrap data-testid="complaint-actions">
            {!c.acknowledgedAt && (
              <Button icon={<CheckOutlined />} type={c.urgent ? 'primary' : 'default'} danger={c.urgent} onClick={() => void acknowledge()} data-testid="action-acknowledge">
                {t('complaints.actions.acknowledge')}
              </Button>
            )}
            {actions.map((a) => (
              <Button key={a} type={a === 'close' || a === 'accept' ? 'primary' : 'default'} danger={a === 'refuse'} icon={a === 'link' ? <LinkOutlined /> : undefined} onClick={() => run(a)} data-testid={`action-${a}`}>
                {t(`complaints.actions.${a}`)}
              </Button>
            ))}
          </Space>
        )}
      </DetailHeader>

      {c.urgent && !c.acknowledgedAt && <Alert type="error" showIcon message={t('complaints.urgentUnacknowledged')} />}

      <Card title={t('complaints.clocksTitle')}>
        <Clocks deadlines={c.deadlines} />
      </Card>

      <Card title={t('complaints.details')}>
        <Descriptions
          bordered
          size="small"
          column={COLUMNS}
          layout={layout}
          data-testid="complaint-fields"
          items={[
            { key: 'channel', label: t('complaints.channel'), children: c.channelRef ? withNote(t, t(`complaints.channels.${c.channel}`), c.channelRef) : t(`complaints.channels.${c.channel}`) },
            { key: 'receivedAt', label: t('complaints.receivedAt'), children: formatDateTime(c.receivedAt) },
            { key: 'topic', label: t('complaints.topic'), children: [topics.topicName(c.topic), topics.categoryName(c.category)].filter(Boolean).join(' / ') },
            { key: 'region', label: t('complaints.region'), children: c.regionName ?? regions.nameOf(c.regionCode) },
            { key: 'subject', label: t('complaints.subject'), children: subject ?? t('common.none') },
            ...(c.subjectUscc ? [{ key: 'uscc', label: t('complaints.subjectUscc'), children: c.subjectUscc }] : []),
            ...(c.equipmentRegistrationNo
              ? [{ key: 'equipment', label: t('complaints.equipmentRegistrationNo'), children: c.equipmentId ? <Link to={`/equipment/${encodeURIComponent(c.equipmentId)}`}>{c.equipmentRegistrationNo}</Link> : c.equipmentRegistrationNo }]
              : []),
            ...(c.product ? [{ key: 'product', label: t('complaints.product'), children: c.product }] : []),
            { key: 'place', label: t('complaints.place'), children: c.place || t('common.none') },
            { key: 'occurredOn', label: t('complaints.occurredOn'), children: formatDate(c.occurredOn) },
          ]}
        />
        {/* the long ones on rows of their own (a separate list: the grid above may end on any column) */}
        <Descriptions
          bordered
          size="small"
          column={1}
          layout={layout}
          style={{ marginTop: -1 }}
          styles={layout === 'horizontal' ? { label: { width: 160 } } : undefined}
          data-testid="complaint-text"
          items={[
            { key: 'description', label: t('complaints.description'), children: <Text>{c.description}</Text> },
            {
              key: 'reporter',
              label: t('complaints.reporter'),
              children: (
                <Space direction="vertical" size={4}>
                  <Space wrap>
                    <ReporterText reporter={reporter} anonymous={c.anonymous} />
                    {!c.anonymous && can('complaint.reporter_pii') && !shown && (
                      <Popconfirm title={t('complaints.revealTitle')} description={t('complaints.revealAudited')} okText={t('complaints.reveal')} cancelText={t('common.cancel')} onConfirm={() => void reveal()}>
                        <Button size="small" icon={<EyeOutlined />} data-testid="reveal-reporter">
                          {t('complaints.reveal')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                  {shown?.reporter && (
                    <>
                      {shown.reporter.idNumber && <span>{withNote(t, shown.reporter.idNumber, t('complaints.idNumber'))}</span>}
                      {shown.reporter.address && <span>{withNote(t, shown.reporter.address, t('complaints.address'))}</span>}
                      {shown.reporter.email && <span>{withNote(t, shown.reporter.email, t('complaints.email'))}</span>}
                      <Alert type="warning" showIcon message={t('complaints.revealedNote')} />
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      {(c.status === 'closed' || c.status === 'refused' || c.substantiated !== null || c.enterpriseAnswer || c.satisfied !== null) && (
        <Card title={t('complaints.outcome')}>
          <Descriptions
            bordered
            size="small"
            column={WIDE2}
            layout={layout}
            data-testid="complaint-outcome"
            items={[
              ...(c.refusalReason ? [{ key: 'refusal', label: t('complaints.f.refusalReason'), span: WIDE2, children: <Text>{c.refusalReason}</Text> }] : []),
              ...(c.kind === 'complaint' || c.kind === 'report' ? [{ key: 'sub', label: t('complaints.f.substantiated'), children: bool(t, c.substantiated) }] : []),
              ...(c.kind === 'report' ? [{ key: 'case', label: t('complaints.f.caseOpened'), children: bool(t, c.caseOpened) }] : []),
              ...(c.mediationResult ? [{ key: 'med', label: t('complaints.f.mediationResult'), children: t(`complaints.mediation.${c.mediationResult}`) }] : []),
              ...(c.enterpriseAnswer ? [{ key: 'ent', label: t('complaints.enterpriseAnswer'), span: WIDE2, children: <Text>{c.enterpriseAnswer}</Text> }] : []),
              ...(c.result ? [{ key: 'result', label: t('complaints.f.result'), span: WIDE2, children: <Text>{c.result}</Text> }] : []),
              ...(c.publicResult ? [{ key: 'public', label: t('complaints.publicResultShort'), span: WIDE2, children: <Text>{c.publicResult}</Text> }] : []),
              ...(c.closedAt ? [{ key: 'closed', label: t('complaints.closedAt'), children: formatDateTime(c.closedAt) }] : []),
              ...(c.satisfied !== null
                ? [{ key: 'sat', label: t('complaints.satisfaction'), children: <Space direction="vertical" size={0}><span>{c.satisfied ? t('complaints.satisfied') : t('complaints.notSatisfied')}</span>{c.satisfactionComment && <Text>{c.satisfactionComment}</Text>}</Space> }]
                : []),
            ]}
          />
        </Card>
      )}

      <Card title={t('complaints.files')}>
        {c.files?.length ? (
          <List
            size="small"
            dataSource={c.files}
            data-testid="complaint-files"
            renderItem={(f) => (
              <List.Item extra={<Typography.Text type="secondary">{t(`complaints.fileSources.${f.source}`)} · {formatDateTime(f.createdAt)}</Typography.Text>}>
                <a href={complaintsApi.fileUrl(c.id, f.id)} download={f.fileName}>
                  <PaperClipOutlined /> {f.fileName}
                </a>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.noFiles')} />
        )}
      </Card>

      <Card title={t('complaints.linksTitle')} data-testid="complaint-links">
        {c.links?.length ? (
          <List
            size="small"
            dataSource={c.links}
            renderItem={(l) => {
              const to = linkPath(l.targetType, l.targetId);
              return (
                <List.Item extra={l.createdAt ? <Typography.Text type="secondary">{[l.createdByName, formatDateTime(l.createdAt)].filter(Boolean).join(' · ')}</Typography.Text> : undefined}>
                  <Space wrap>
                    <Tag>{t(`complaints.targets.${l.targetType}`)}</Tag>
                    {to ? <Link to={to}>{l.label}</Link> : l.label}
                  </Space>
                </List.Item>
              );
            }}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.noLinks')} />
        )}
      </Card>

      <Rewards complaint={c} />

      <Card title={t('complaints.timeline')}>
        {c.timeline?.length ? (
          <Timeline
            data-testid="complaint-timeline"
            items={c.timeline.map((e) => ({
              key: e.id,
              color: e.kind === 'escalated' || e.kind === 'refused' ? 'red' : e.kind === 'closed' ? 'green' : 'blue',
              children: (
                <Space direction="vertical" size={0}>
                  <Space size={8} wrap>
                    <Typography.Text strong>{t(`complaints.events.${e.kind}`, { defaultValue: e.kind })}</Typography.Text>
                    <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                    {e.actorName && <Typography.Text type="secondary">{e.actorName}</Typography.Text>}
                    {e.public && <Tag>{t('complaints.publicEvent')}</Tag>}
                  </Space>
                  {(e.fromOrgName || e.toOrgName) && <Typography.Text type="secondary">{[e.fromOrgName, e.toOrgName].filter(Boolean).join(' → ')}</Typography.Text>}
                  {e.note && <Text>{e.note}</Text>}
                </Space>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>

      <ActionModal complaint={c} action={action} onClose={() => setAction(null)} onDone={done} onStale={stale} />
      {linking && <LinkModal complaint={c} open={linking} onClose={() => setLinking(false)} onDone={done} onStale={stale} />}
    </Space>
  );
}
