import { Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { useOrgs } from '../orgs';
import { complaintsApi, type ActionBody, type Complaint, type ComplaintAction } from './complaints.api';
import { useTopics } from './labels';

/** The actions with a form here (`link` has its own dialog). */
export type FormAction = Exclude<ComplaintAction, 'link'>;

type Values = Record<string, unknown>;

/** Over 3 years between the day it happened and the day it was received (a complaint then cannot be accepted). */
export const tooOld = (c: Pick<Complaint, 'occurredOn' | 'receivedOn' | 'tooOld'>) =>
  c.tooOld ?? (!!c.occurredOn && dayjs(c.occurredOn).add(3, 'year').isBefore(dayjs(c.receivedOn)));

const NOTIFY_CHANNELS = ['phone', 'sms', 'letter', 'in_person'] as const;

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() || undefined : v);

/** One action of the item as a dialog with that action's fields; sends the item's version (If-Match). */
export function ActionModal({ complaint: c, action, onClose, onDone, onStale }: { complaint: Complaint; action: FormAction | null; onClose: () => void; onDone: (saved: Complaint) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const topics = useTopics();
  const orgs = useOrgs(action === 'route');
  const bureaus = orgs.orgs.filter((o) => o.type === 'city_bureau' || o.type === 'county_bureau').map((o) => ({ value: o.id, label: o.name }));
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const chosen = (field: string) => [{ required: true, message: t('common.selectRequired', { field }) }];
  const yesNo = (
    <Radio.Group>
      <Radio value={true}>{t('common.yes')}</Radio>
      <Radio value={false}>{t('common.no')}</Radio>
    </Radio.Group>
  );
  const needsSubstantiated = c.kind === 'complaint' || c.kind === 'report';

  const initial: Values =
    action === 'refuse' ? { reason: tooOld(c) ? t('complaints.overThreeYears') : undefined }
    : action === 'route' ? { orgId: c.orgId, topic: c.topic }
    : action === 'close' ? { publicResult: c.publicResult ?? undefined }
    : {};

  const fields = () => {
    switch (action) {
      case 'accept':
      case 'mediate':
        return (
          <Form.Item name="note" label={t('complaints.f.note')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        );
      case 'refuse':
        return (
          <Form.Item name="reason" label={t('complaints.f.refusalReason')} rules={required(t('complaints.f.refusalReason'))} extra={tooOld(c) ? t('complaints.overThreeYearsHint') : undefined}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        );
      case 'route':
        return (
          <>
            <Form.Item name="orgId" label={t('complaints.f.toBureau')} rules={chosen(t('complaints.f.toBureau'))}>
              <Select showSearch optionFilterProp="label" options={bureaus} loading={orgs.loading} />
            </Form.Item>
            <Form.Item name="topic" label={t('complaints.topic')} rules={chosen(t('complaints.topic'))}>
              <Select options={topics.topicOptions} loading={topics.loading} />
            </Form.Item>
            <Form.Item name="reason" label={t('complaints.f.routeReason')} rules={required(t('complaints.f.routeReason'))}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </>
        );
      case 'verify':
        return (
          <>
            <Form.Item name="substantiated" label={t('complaints.f.substantiated')} rules={chosen(t('complaints.f.substantiated'))}>
              {yesNo}
            </Form.Item>
            <Form.Item name="caseOpened" label={t('complaints.f.caseOpened')} rules={chosen(t('complaints.f.caseOpened'))}>
              {yesNo}
            </Form.Item>
            <Form.Item name="findings" label={t('complaints.f.findings')} rules={required(t('complaints.f.findings'))}>
              <Input.TextArea rows={4} maxLength={5000} showCount />
            </Form.Item>
          </>
        );
      case 'extend':
        return (
          <Form.Item name="reason" label={t('complaints.f.extendReason')} rules={required(t('complaints.f.extendReason'))} extra={t('complaints.extendHint')}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        );
      case 'notify_reporter':
        return (
          <>
            <Form.Item name="channel" label={t('complaints.f.notifyChannel')} rules={chosen(t('complaints.f.notifyChannel'))} extra={t('complaints.notifyHint')}>
              <Radio.Group>
                {NOTIFY_CHANNELS.map((k) => (
                  <Radio key={k} value={k}>
                    {t(`complaints.notifyChannels.${k}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="note" label={t('complaints.f.notifyNote')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        );
      case 'close':
        return (
          <>
            {c.status === 'mediating' && (
              <Form.Item name="mediationResult" label={t('complaints.f.mediationResult')} rules={chosen(t('complaints.f.mediationResult'))}>
                <Radio.Group>
                  <Radio value="agreed">{t('complaints.mediation.agreed')}</Radio>
                  <Radio value="failed">{t('complaints.mediation.failed')}</Radio>
                </Radio.Group>
              </Form.Item>
            )}
            {needsSubstantiated && c.substantiated === null && (
              <Form.Item name="substantiated" label={t('complaints.f.substantiated')} rules={chosen(t('complaints.f.substantiated'))}>
                {yesNo}
              </Form.Item>
            )}
            <Form.Item name="result" label={t('complaints.f.result')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item name="publicResult" label={t('complaints.f.publicResult')} rules={required(t('complaints.f.publicResult'))}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          </>
        );
      default:
        return null;
    }
  };

  return (
    <FormModal<Values>
      open={action !== null}
      title={action ? t(`complaints.actions.${action}`) : ''}
      okText={action ? t(`complaints.actions.${action}`) : undefined}
      initialValues={initial}
      width={620}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async (v) => {
        if (!action) return;
        const body = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trimmed(x)]).filter(([, x]) => x !== undefined));
        onDone(await complaintsApi.act(c, { action, ...body } as ActionBody));
      }}
    >
      {fields()}
    </FormModal>
  );
}
