import { Alert, App, Card, Descriptions, Space, Steps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDate, formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { DetailHeader, DetailPending } from '../../../app/components/DetailHeader';
import { licencePath } from '../licenceColumns';
import { LicenceStateTag } from '../licenceLabels';
import { ExitDocuments } from './ExitDocuments';
import { ExitStageTag, InvestigationDue } from './exitLabels';
import { exitsApi, type Exit, type ExitDetail } from './exits.api';
import { DecisionForm, InvestigationForm } from './ExitStepForms';
import './exits.pages.i18n';

/** Trigger → investigation (lost conditions only) → decision, with the current one highlighted. */
function ExitSteps({ exit }: { exit: Exit }) {
  const { t } = useTranslation();
  const investigation = exit.kind === 'conditions_lost';
  const items = [
    { title: t('exits.steps.trigger'), description: formatDate(exit.triggerOn) },
    ...(investigation
      ? [{ title: t('exits.steps.investigation'), description: exit.investigatedAt ? t(exit.justifiedReason ? 'exits.justified' : 'exits.notJustified') : exit.investigationDueOn }]
      : []),
    { title: t('exits.steps.decision'), description: exit.outcome ? `${t(`exits.outcomes.${exit.outcome}`)}${exit.awaitingApproval ? ` · ${t('exits.awaitingApproval')}` : ''}` : '' },
  ];
  const current = exit.stage === 'investigating' ? 1 : exit.stage === 'deciding' ? items.length - 1 : items.length;
  return <Steps current={current} items={items} data-testid="exit-steps" />;
}

function ExitFields({ exit: e }: { exit: Exit }) {
  const { t } = useTranslation();
  const item = (key: string, label: string, children: ReactNode, span = 1) => ({ key, label: t(label), children, span });
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      data-testid="exit-fields"
      items={[
        item('licence', 'exits.licence', <Link to={licencePath(e.licenceId)}>{`${e.licence.typeName} ${e.licence.number}`}</Link>),
        item('licenceState', 'exits.licenceState', <LicenceStateTag state={e.licence.state} />),
        item('enterprise', 'exits.enterprise', e.licence.enterpriseName),
        item('org', 'exits.org', e.orgName),
        item('kind', 'exits.kind', t(`exits.kinds.${e.kind}`)),
        item('source', 'exits.triggerSource', t(`exits.triggerSources.${e.triggerSource}`)),
        item('party', 'exits.triggerParty', e.triggerParty),
        item('triggerOn', 'exits.triggerOn', formatDate(e.triggerOn)),
        ...(e.triggerDocumentNo ? [item('triggerDocumentNo', 'exits.triggerDocumentNo', e.triggerDocumentNo)] : []),
        ...(e.lawArea ? [item('lawArea', 'exits.lawArea', t(`exits.lawAreas.${e.lawArea}`))] : []),
        item('summary', 'exits.triggerSummary', e.triggerSummary, 2),
        ...(e.kind === 'conditions_lost'
          ? [item('investigator', 'exits.investigator', e.investigatorName), item('due', 'exits.investigationDueOn', <InvestigationDue exit={e} />)]
          : []),
        ...(e.investigatedAt
          ? [item('findings', 'exits.findings', e.findings, 2), item('justified', 'exits.justifiedReason', t(e.justifiedReason ? 'exits.justified' : 'exits.notJustified')), item('investigatedAt', 'exits.investigatedAt', formatDateTime(e.investigatedAt))]
          : []),
        ...(e.outcome
          ? [
              item('outcome', 'exits.outcome', t(`exits.outcomes.${e.outcome}`)),
              item('documentNo', 'exits.documentNo', e.documentNo ?? '—'),
              item('reason', 'exits.decisionReason', e.decisionReason, 2),
              item('legalBasis', 'exits.legalBasis', e.legalBasis ?? '—', 2),
              item('decidedBy', 'exits.decidedBy', e.decidedByName),
              item('decidedAt', 'exits.decidedAt', formatDateTime(e.decidedAt)),
            ]
          : []),
        item('createdBy', 'exits.createdBy', e.createdByName),
        item('createdAt', 'exits.createdAt', formatDateTime(e.createdAt)),
      ]}
    />
  );
}

/** The form of the current step, for users who may act; the approval notice while a decision waits. */
function CurrentStep({ exit, onDone, onStale }: { exit: ExitDetail; onDone: (exit: Exit) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { can, user } = useAuth();
  if (exit.awaitingApproval) {
    return <Alert type="warning" showIcon message={t('exits.awaitingApprovalHint', { outcome: t(`exits.outcomes.${exit.outcome!}`) })} action={<Link to={licencePath(exit.licenceId)}>{t('exits.licence')}</Link>} />;
  }
  // The assigned investigator records the investigation whatever their role; the rest needs licence.write.
  const investigator = exit.stage === 'investigating' && !!user && user.id === exit.investigatorId;
  if ((!can('licence.write') && !investigator) || exit.stage === 'closed') return null;
  return (
    <Card title={exit.stage === 'investigating' ? t('exits.recordInvestigation') : t('exits.decide')} data-testid="exit-step-form">
      {exit.stage === 'investigating' ? <InvestigationForm exit={exit} onDone={onDone} onStale={onStale} /> : <DecisionForm exit={exit} onDone={onDone} onStale={onStale} />}
    </Card>
  );
}

/** One exit procedure: its steps, what was recorded at each, the form of the current one, its documents. */
export function ExitDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = useParams().id ?? '';
  const { data: exit, error, loading, reload } = useAsync(() => exitsApi.get(id), id);

  if (error || !exit) return <DetailPending error={error} loading={loading} />;

  const onStep = (next: Exit) => {
    if (next.awaitingApproval) void message.info(t('exits.decidedPending'));
    else void message.success(t(next.stage === 'deciding' ? 'exits.investigated' : 'exits.decided'));
    reload();
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="exit-header"
        back={{ path: '/licence-exits', label: t('exits.backToList') }}
        title={<>{t(`exits.kinds.${exit.kind}`)} · {exit.licence.typeName} {exit.licence.number}</>}
        tags={<ExitStageTag exit={exit} />}
        subtitle={exit.licence.enterpriseName}
      >
        <ExitSteps exit={exit} />
      </DetailHeader>
      <CurrentStep key={`${exit.stage}:${exit.updatedAt}`} exit={exit} onDone={onStep} onStale={reload} />
      <Card title={t('exits.details')}>
        <ExitFields exit={exit} />
      </Card>
      <Card title={t('exits.documents')}>
        <ExitDocuments exit={exit} />
      </Card>
    </Space>
  );
}
