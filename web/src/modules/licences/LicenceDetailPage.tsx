import { App, Button, Card, Descriptions, Space } from 'antd';
import { DownloadOutlined, EditOutlined, SafetyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withNote } from '../../app/i18n/punctuation';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate, formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { enterprisePath } from '../enterprises';
import { LicenceDocumentsCard } from './documents/LicenceDocumentsCard';
import { LicenceExitsCard } from './exits/LicenceExitsCard';
import { ExpiryDate, LicenceStateTag } from './licenceLabels';
import { licencesApi, type Licence, type Transition, type TransitionResult } from './licences.api';
import { WorkingDayDate } from '../../app/components/UncertainMark';
import { correctionsApi, LicenceCorrectModal } from './LicenceCorrection';
import { LicenceTimeline } from './LicenceTimeline';
import { MeasureModal } from './MeasureModal';
import './licenceCorrections.pages.i18n';

/** Whether the calendar was sure of the current change deadline: that of the applied order that set it. */
function changeDeadlineCertain(l: Licence, transitions: readonly Transition[]) {
  return transitions.find((tr) => tr.status === 'applied' && tr.toState === 'changeOrdered' && tr.deadlineOn === l.changeDeadline)?.deadlineCertain;
}

function LicenceFields({ licence: l, transitions }: { licence: Licence; transitions: readonly Transition[] }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      data-testid="licence-fields"
      items={[
        { key: 'number', label: t('licences.number'), children: l.number },
        { key: 'type', label: t('licences.type'), children: l.typeName },
        { key: 'enterprise', label: t('licences.enterprise'), children: <Link to={enterprisePath(l.uscc)}>{l.enterpriseName}</Link> },
        { key: 'uscc', label: t('enterprises.uscc'), children: l.uscc },
        { key: 'region', label: t('licences.region'), children: withNote(t, l.regionName ?? '', l.regionCode) },
        { key: 'issuer', label: t('licences.issuer'), children: l.issuer },
        { key: 'issuedOn', label: t('licences.issuedOn'), children: formatDate(l.issuedOn) },
        { key: 'expiresOn', label: t('licences.expiresOn'), children: <ExpiryDate licence={l} /> },
        { key: 'state', label: t('common.status'), children: <LicenceStateTag state={l.state} /> },
        ...(l.reviewOn ? [{ key: 'reviewOn', label: t('licences.reviewOn'), children: formatDate(l.reviewOn) }] : []),
        ...(l.changeDeadline ? [{ key: 'changeDeadline', label: t('licences.changeDeadline'), children: <WorkingDayDate certain={changeDeadlineCertain(l, transitions)}>{formatDate(l.changeDeadline)}</WorkingDayDate> }] : []),
        { key: 'scope', label: t('licences.scope'), span: 2, children: l.scope || '—' },
        { key: 'created', label: t('common.createdAt'), children: formatDateTime(l.createdAt) },
        { key: 'updated', label: t('licences.updatedAt'), children: formatDateTime(l.updatedAt) },
      ]}
    />
  );
}

/** One licence: its fields, its measures as a timeline, and the action to take a measure. */
export function LicenceDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const id = useParams().id ?? '';
  const { data, error, loading, reload } = useAsync(() => Promise.all([licencesApi.get(id), licencesApi.timeline(id), correctionsApi.list(id)]), id);
  const [acting, setActing] = useState(false);
  const [correcting, setCorrecting] = useState(false);

  if (error || !data) return <DetailPending error={error} loading={loading} />;
  const [licence, timeline, corrections] = data;

  const onMeasure = (result: TransitionResult) => {
    if (result.applied) void message.success(t('licences.measureApplied'));
    else void message.info(t('licences.measurePending'));
    reload();
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="licence-header"
        back={{ path: '/licences', label: t('licences.backToList') }}
        title={<>{licence.typeName} {licence.number}</>}
        tags={<LicenceStateTag state={licence.state} />}
        subtitle={licence.enterpriseName}
      />
      <Card
        title={t('licences.details')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={licencesApi.noticeUrl(licence.id)} download>
              {t('licences.downloadNotice')}
            </Button>
            {can('licence.write') && (
              <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)} data-testid="licence-correct">
                {t('licenceCorrections.correct')}
              </Button>
            )}
            {can('licence.write') && licence.allowedTargets.length > 0 && (
              <Button type="primary" icon={<SafetyOutlined />} onClick={() => setActing(true)}>
                {t('licences.measure')}
              </Button>
            )}
          </Space>
        }
      >
        <LicenceFields licence={licence} transitions={timeline.items} />
      </Card>
      <Card title={t('licences.timeline')} data-testid="licence-timeline">
        <LicenceTimeline licenceId={licence.id} licenceVersion={licence.version} transitions={timeline.items} corrections={corrections.items} onDecided={reload} />
      </Card>
      <LicenceExitsCard licence={licence} />
      <LicenceDocumentsCard licenceId={licence.id} refreshKey={licence.updatedAt} />
      <LicenceCorrectModal licence={correcting ? licence : null} onClose={() => setCorrecting(false)} onDone={reload} onStale={reload} />
      <MeasureModal licence={acting ? licence : null} onClose={() => setActing(false)} onDone={onMeasure} onStale={reload} />
    </Space>
  );
}
