import { Alert, App, Button, Card, Descriptions, Grid, Progress, Space, Steps, Tabs, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { listOf, withNote } from '../../app/i18n/punctuation';
import { enterprisePath } from '../enterprises';
import { useRegions } from '../regions';
import './cases.pages.i18n';
import { casesApi, type Case, type CaseAction, type CaseStage } from './cases.api';
import { CaseActionModal } from './CaseActionModal';
import { DocumentsTab, EvidenceTab, PartiesTab, PublicationTab, SupervisionTab, TimelineTab, TransfersTab } from './CaseTabs';
import { CaseFlags, DueDate, sourceLabel, StageTag, Text, yuan } from './labels';

const COLUMNS = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 };
const DONE_STAGES: CaseStage[] = ['decided', 'served', 'executing', 'closed'];
/** Actions that move a case forward (primary buttons); the others are secondary. */
const FORWARD: CaseAction[] = ['open', 'submit_review', 'review', 'notify', 'decide', 'serve', 'close'];
const DANGER: CaseAction[] = ['decline', 'transfer'];
/** Actions offered on their own tabs rather than in the header. */
const ON_TABS: CaseAction[] = ['add_evidence', 'report_progress', 'add_party'];

/** The procedure as steps: lead → investigating → reviewing → notified → (hearing) → decided → served → executing → closed. */
function StageSteps({ c }: { c: Case }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const path: CaseStage[] = ['lead', 'investigating', 'reviewing', 'notified', ...(c.hearingRequested || c.stage === 'hearing' ? (['hearing'] as CaseStage[]) : []), 'decided', 'served', 'executing', 'closed'];
  const at: CaseStage = c.stage === 'declined' ? 'lead' : c.stage === 'transferred' ? (c.stageBeforeTransfer ?? 'lead') : c.stage;
  // served with nothing to pay closes without executing: still show where it is
  const current = Math.max(0, path.indexOf(at));
  const status = c.stage === 'declined' || c.stage === 'transferred' ? 'error' : c.stage === 'closed' ? 'finish' : 'process';
  if (screens.md === false)
    // a phone: the stage reached and how far along the procedure it is (eight steps do not fit across)
    return (
      <Space direction="vertical" size={2} style={{ width: '100%', marginTop: 4 }} data-testid="case-steps">
        <Typography.Text type={status === 'error' ? 'danger' : undefined}>
          {t('cases.stepOf', { n: current + 1, total: path.length, stage: t(`cases.stages.${at}`) })}
        </Typography.Text>
        <Progress percent={Math.round(((current + (status === 'finish' ? 1 : 0.5)) / path.length) * 100)} steps={path.length} size={[32, 6]} showInfo={false} status={status === 'error' ? 'exception' : undefined} />
      </Space>
    );
  return (
    <Steps
      size="small"
      current={current}
      status={status}
      data-testid="case-steps"
      items={path.map((s) => ({ title: t(`cases.stages.${s}`) }))}
      style={{ marginTop: 8 }}
    />
  );
}

function Deadlines({ c }: { c: Case }) {
  const { t } = useTranslation();
  const rows = (['lead', 'decision', 'defence'] as const).flatMap((k) => {
    const d = c.deadlines[k];
    if (!d) return [];
    const done = k === 'lead' ? c.stage !== 'lead' : k === 'decision' ? DONE_STAGES.includes(c.stage) || c.stage === 'declined' : !!c.defenceRecordedOn || c.stage !== 'notified';
    return [{ k, d, done }];
  });
  if (rows.length === 0) return null;
  return (
    <Space wrap size={[24, 8]} data-testid="case-deadlines">
      {rows.map(({ k, d, done }) => (
        <Space key={k} size={4}>
          <Typography.Text type="secondary">{t(`cases.deadlines.${k}`)}</Typography.Text>
          <DueDate dueOn={d.dueOn} certain={d.certain} done={done} />
          {'extended' in d && d.extended && <Tag>{t('cases.extended')}</Tag>}
          {done && <Tag color="green">✓</Tag>}
        </Space>
      ))}
    </Space>
  );
}

function BasicInfo({ c }: { c: Case }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const screens = Grid.useBreakpoint();
  const layout = screens.sm === false ? ('vertical' as const) : ('horizontal' as const);
  const p = c.intendedPenalty;
  const party = c.uscc ? <Link to={enterprisePath(c.uscc)}>{c.partyName}</Link> : c.partyName;
  const item = (key: string, label: string, children: ReactNode, when = true) => (when ? [{ key, label, children }] : []);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={COLUMNS}
        layout={layout}
        data-testid="case-fields"
        items={[
          ...item('party', t('cases.party'), party),
          ...item('uscc', t('cases.uscc'), c.uscc, !!c.uscc),
          ...item('source', t('cases.leadSource'), c.leadRef ? withNote(t, sourceLabel(t, c.leadSource), c.leadRef) : sourceLabel(t, c.leadSource)),
          ...item('found', t('cases.foundOn'), formatDate(c.foundOn)),
          ...item('bureau', t('cases.bureau'), c.orgName ?? regions.nameOf(c.regionCode)),
          ...item('createdBy', t('cases.createdBy'), c.createdByName),
          ...item('opened', t('cases.openedOn'), formatDate(c.openedOn), !!c.openedOn),
          ...item('investigators', t('cases.investigators'), listOf(t, c.investigatorNames), c.investigatorNames.length > 0),
          ...item('reviewer', t('cases.reviewer'), [c.reviewerName, formatDate(c.reviewedOn)].filter(Boolean).join(' · '), !!c.reviewerName),
          ...item('reviewResult', t('cases.reviewResult'), c.reviewResult ? t(`cases.reviewResults.${c.reviewResult}`) : '', !!c.reviewResult),
          ...item('noticeNo', t('cases.noticeNo'), c.noticeNo, !!c.noticeNo),
          ...item('notifiedOn', t('cases.notifiedOn'), formatDate(c.notifiedOn), !!c.notifiedOn),
          ...item('defenceOn', t('cases.defenceRecordedOn'), formatDate(c.defenceRecordedOn), !!c.defenceRecordedOn),
          ...item('hearing', t('cases.hearingRequested'), c.hearingRequested ? t('common.yes') : t('common.no'), !!c.notifiedOn),
          ...item('hearingOn', t('cases.hearingHeldOn'), formatDate(c.hearingHeldOn), !!c.hearingHeldOn),
          ...item('documentNo', t('cases.documentNo'), c.documentNo, !!c.documentNo),
          ...item('decidedOn', t('cases.decidedOn'), [formatDate(c.decidedOn), c.decidedByName].filter(Boolean).join(' · '), !!c.decidedOn),
          ...item('amountDue', t('cases.amountDue'), yuan(c.amountDue), c.amountDue !== null && c.amountDue !== undefined),
          ...item('amountPaid', t('cases.amountPaid'), [yuan(c.amountPaid), c.paidOn ? formatDate(c.paidOn) : ''].filter(Boolean).join(' · '), !!c.amountPaid),
          ...item('servedOn', t('cases.servedOn'), [formatDate(c.servedOn), c.serviceMethod].filter(Boolean).join(' · '), !!c.servedOn),
          ...item('enforcement', t('cases.enforcementAppliedOn'), [formatDate(c.enforcementAppliedOn), c.enforcementCourt].filter(Boolean).join(' · '), !!c.enforcementAppliedOn),
          ...item('closedOn', t('cases.closedOn'), formatDate(c.closedOn), !!c.closedOn),
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={1}
        layout={layout}
        styles={layout === 'horizontal' ? { label: { width: 160 } } : undefined}
        data-testid="case-text"
        items={[
          ...item('summary', t('cases.summary'), <Text>{c.summary}</Text>),
          ...item('decline', t('cases.stages.declined'), <Text>{c.declineReason}</Text>, !!c.declineReason),
          ...item('opinion', t('cases.reviewOpinion'), <Text>{c.reviewOpinion}</Text>, !!c.reviewOpinion),
          ...item(
            'intended',
            t('cases.intendedPenalty'),
            p ? (
              <Space direction="vertical" size={0}>
                <span>{p.wording}</span>
                <Typography.Text type="secondary">{p.violation}</Typography.Text>
                <Typography.Text type="secondary">{p.legalBasis}</Typography.Text>
              </Space>
            ) : null,
            !!p,
          ),
          ...item('defence', t('cases.defenceStatement'), <Text>{c.defenceStatement}</Text>, !!c.defenceStatement),
          ...item('hearingRecord', t('cases.hearingRecord'), <Text>{c.hearingRecord}</Text>, !!c.hearingRecord),
          ...item('penaltyText', t('cases.penaltyText'), <Text>{c.penaltyText}</Text>, !!c.penaltyText),
          ...item('violation', t('cases.violation'), <Text>{c.violation}</Text>, !!c.violation),
          ...item('legalBasis', t('cases.legalBasis'), <Text>{c.legalBasis}</Text>, !!c.legalBasis),
          ...item('discretion', t('cases.discretion'), [c.discretionRuleKey, c.discretionLevel ? t(`cases.penalty.levels.${c.discretionLevel}`, { defaultValue: c.discretionLevel }) : ''].filter(Boolean).join(' · '), !!c.discretionRuleKey),
          ...item('closing', t('cases.closingSummary'), <Text>{c.closingSummary}</Text>, !!c.closingSummary),
        ]}
      />
    </Space>
  );
}

/** One case: header with its stage steps, deadlines and flags, the allowed actions, and its tabs. */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const id = useParams().id ?? '';
  const [params, setParams] = useSearchParams();
  const { data, error, loading, reload } = useAsync(() => casesApi.get(id), id);
  const [saved, setSaved] = useState<Case | null>(null);
  const [action, setAction] = useState<CaseAction | null>(null);

  if (error || !data) return <DetailPending error={error} loading={loading} />;
  // the answer of the last action is the case as it is now (until the next load)
  const c = saved && saved.id === data.id && saved.version > data.version ? saved : data;
  const stale = () => {
    setSaved(null);
    reload();
  };
  const done = (next: Case) => {
    setAction(null);
    setSaved(next);
    void message.success(t('cases.done', { stage: t(`cases.stages.${next.stage}`) }));
    reload();
  };
  const allowed = (a: CaseAction) => c.allowedActions.includes(a);
  const header = c.allowedActions.filter((a) => !ON_TABS.includes(a));
  const tab = params.get('tab') ?? 'basic';
  const tabProps = { c, run: setAction, allowed };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="case-header"
        back={{ path: '/cases', label: t('cases.backToList') }}
        title={<span style={{ fontFamily: 'monospace' }}>{c.caseNo}</span>}
        tags={
          <>
            <StageTag stage={c.stage} />
            <CaseFlags supervised={c.supervised} joint={c.joint} transferred={c.transferred} />
            {c.deadlines.overdue && <Tag color="red">{t('cases.overdue')}</Tag>}
          </>
        }
        subtitle={[c.partyName, c.orgName, sourceLabel(t, c.leadSource)].filter(Boolean).join(' · ')}
      >
        <StageSteps c={c} />
        <Deadlines c={c} />
        {c.supervision?.nextReportDueOn && (
          <Space size={4}>
            <Typography.Text type="secondary">{t('cases.nextReportDueOn')}</Typography.Text>
            <DueDate dueOn={c.supervision.nextReportDueOn} />
            {c.supervision.overdueReports > 0 && <Tag color="red">{t('cases.overdueReports', { count: c.supervision.overdueReports })}</Tag>}
          </Space>
        )}
        {header.length > 0 && (
          <Space wrap data-testid="case-actions" style={{ marginTop: 8 }}>
            {header.map((a) => (
              <Button key={a} type={FORWARD.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => setAction(a)} data-testid={`action-${a}`}>
                {t(`cases.actions.${a}`)}
              </Button>
            ))}
          </Space>
        )}
      </DetailHeader>

      {c.deadlines.overdue && <Alert type="error" showIcon message={t('cases.overdueBanner')} data-testid="case-overdue" />}
      {c.stage === 'transferred' && <Alert type="warning" showIcon message={t('cases.transferredBanner', { stage: t(`cases.stages.${c.stageBeforeTransfer ?? 'lead'}`) })} />}
      {c.stage === 'declined' && <Alert type="info" showIcon message={t('cases.declinedBanner', { reason: c.declineReason ?? '' })} />}

      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams((p) => {
            const next = new URLSearchParams(p);
            next.set('tab', key);
            return next;
          }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'basic', label: t('cases.tabs.basic'), children: <BasicInfo c={c} /> },
            { key: 'evidence', label: t('cases.tabs.evidence'), children: <EvidenceTab {...tabProps} /> },
            { key: 'timeline', label: t('cases.tabs.timeline'), children: <TimelineTab {...tabProps} /> },
            { key: 'documents', label: t('cases.tabs.documents'), children: <DocumentsTab {...tabProps} /> },
            { key: 'parties', label: t('cases.tabs.parties'), children: <PartiesTab {...tabProps} /> },
            { key: 'supervision', label: t('cases.tabs.supervision'), children: <SupervisionTab {...tabProps} /> },
            { key: 'transfers', label: t('cases.tabs.transfers'), children: <TransfersTab {...tabProps} /> },
            ...(DONE_STAGES.includes(c.stage) || c.publication ? [{ key: 'publication', label: t('cases.tabs.publication'), children: <PublicationTab {...tabProps} onChanged={reload} canWrite={can('case.write')} canRemove={can('case.approve')} /> }] : []),
          ]}
        />
      </Card>

      <CaseActionModal c={c} action={action} onClose={() => setAction(null)} onDone={done} onStale={stale} />
    </Space>
  );
}
