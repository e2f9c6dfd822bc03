import { Alert, Button, Card, Descriptions, Form, Input, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { WorkingDayDate } from '../../app/components/UncertainMark';
import { errorText } from '../../app/errorText';
import { formatDate, formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { useAsync } from '../../app/hooks/useAsync';
import { SelfFrame } from '../enterprise-self';
import { myComplaintsApi, publicComplaintsApi, STATUS_COLORS, type MyComplaint } from './complaintsPublic.api';
import './complaintsPublic.pages.i18n';

function AnswerForm({ complaint, onAnswered }: { complaint: MyComplaint; onAnswered: (c: MyComplaint) => void }) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async ({ text }: { text: string }) => {
    setSending(true);
    setError(null);
    try {
      onAnswered(await myComplaintsApi.answer(complaint, text.trim()));
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };
  return (
    <Card size="small" title={t(complaint.enterpriseAnswer ? 'complaintsPublic.answerAgain' : 'complaintsPublic.answerTitle')} data-testid="my-complaint-answer">
      <Typography.Paragraph type="secondary">{t('complaintsPublic.answerHint')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={(v: { text: string }) => void send(v)}>
        <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('complaintsPublic.required', { field: t('complaintsPublic.answer') }) }]}>
          <Input.TextArea rows={5} maxLength={5000} showCount aria-label={t('complaintsPublic.answer')} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" message={errorText(error, t)} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block size="large" loading={sending}>
          {t('complaintsPublic.answerSend')}
        </Button>
      </Form>
    </Card>
  );
}

/** One complaint passed to the enterprise (企业端): what it is about, the bureau's note and the enterprise's answer while in mediation. */
export function MyComplaintPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const { data, loading, error } = useAsync(() => myComplaintsApi.get(id), id);
  const [fresh, setFresh] = useState<MyComplaint | null>(null);
  const c = fresh && fresh.id === id ? fresh : data;
  const canAnswer = !!c && can('enterprise_self.report') && c.canAnswer;
  const dictionaries = useAsync(publicComplaintsApi.categories);
  const english = currentLanguage() === 'en-US';
  const topic = dictionaries.data?.topics.find((tp) => tp.key === c?.topic);
  const topicName = topic ? (english ? topic.nameEn : undefined) ?? topic.name : c?.topic;
  const timeline = [...(c?.timeline ?? [])].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <SelfFrame title={c?.trackingNo ?? t('complaintsPublic.myTitle')} back="/my/complaints" backLabel={t('complaintsPublic.myTitle')} error={error} testId="my-complaint">
      {loading && !c ? (
        <Card>
          <Skeleton />
        </Card>
      ) : (
        c && (
          <>
            <Card>
              <Descriptions
                bordered
                size="small"
                column={1}
                styles={{ label: { whiteSpace: 'nowrap', width: '1%' } }}
                items={[
                  { key: 'status', label: t('common.status'), children: <Tag color={STATUS_COLORS[c.status]}>{t(`complaintsPublic.status.${c.status}`, { defaultValue: c.status })}</Tag> },
                  { key: 'kind', label: t('complaintsPublic.kindLabel'), children: t(`complaintsPublic.kind.${c.kind}`) },
                  ...(topicName ? [{ key: 'topic', label: t('complaintsPublic.topicLabel'), children: topicName }] : []),
                  { key: 'received', label: t('complaintsPublic.receivedAt'), children: formatDate(c.receivedOn) },
                  ...(c.subjectName || c.subjectUscc ? [{ key: 'subject', label: t('complaintsPublic.subjectLabel'), children: [c.subjectName, c.subjectUscc].filter(Boolean).join(' · ') }] : []),
                  ...(c.equipmentRegistrationNo ? [{ key: 'unit', label: t('complaintsPublic.equipmentNo'), children: c.equipmentRegistrationNo }] : []),
                  ...(c.occurredOn ? [{ key: 'occurred', label: t('complaintsPublic.occurredOn'), children: formatDate(c.occurredOn) }] : []),
                  ...(c.place ? [{ key: 'place', label: t('complaintsPublic.place'), children: c.place }] : []),
                  ...(c.product ? [{ key: 'product', label: t('complaintsPublic.product'), children: c.product }] : []),
                  ...(c.mediationDueOn
                    ? [{ key: 'due', label: t('complaintsPublic.mediationDue'), children: <WorkingDayDate certain={c.mediationDueCertain}>{formatDate(c.mediationDueOn)}</WorkingDayDate> }]
                    : []),
                  { key: 'description', label: t('complaintsPublic.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span> },
                  ...(c.enterpriseAnswer
                    ? [
                        { key: 'answer', label: t('complaintsPublic.answer'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.enterpriseAnswer}</span> },
                        { key: 'answeredAt', label: t('complaintsPublic.answeredAt'), children: formatDateTime(c.enterpriseAnsweredAt) },
                      ]
                    : []),
                  ...(c.mediationResult ? [{ key: 'mediation', label: t('complaintsPublic.mediationResult'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.mediationResult}</span> }] : []),
                  ...(c.publicResult ? [{ key: 'result', label: t('complaintsPublic.bureauNote'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.publicResult}</span> }] : []),
                ]}
              />
            </Card>
            {timeline.length > 0 && (
              <Card size="small" title={t('complaintsPublic.timeline')}>
                <Timeline
                  style={{ marginTop: 8, marginBottom: -32 }}
                  items={timeline.map((e, i) => ({
                    key: `${e.at}-${i}`,
                    children: (
                      <>
                        {t(`complaintsPublic.event.${e.kind}`, { defaultValue: e.kind })} <Typography.Text type="secondary">{formatDate(e.at)}</Typography.Text>
                      </>
                    ),
                  }))}
                />
              </Card>
            )}
            {canAnswer && <AnswerForm key={c.version} complaint={c} onAnswered={setFresh} />}
          </>
        )
      )}
    </SelfFrame>
  );
}
