import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { useOrgs } from '../orgs';
import { useActiveUserOptions } from '../users';
import { casesApi, EVIDENCE_KINDS, type Case, type CaseAction } from './cases.api';
import { explained } from './labels';
import { PenaltyEditor, penaltiesOut, penaltyValuesOf, type PenaltyValues } from './PenaltyEditor';

type Values = Record<string, unknown> & PenaltyValues;

/** 送达方式: the API keeps the method's Chinese name (it is printed on the documents); the key labels it in the UI. */
const SERVICE_METHODS = { direct: '直接送达', left: '留置送达', mail: '邮寄送达', electronic: '电子送达', announcement: '公告送达' } as const;
/** The fields an error's `details.field` may name, shown under the field. */
const FIELDS = [
  'openedOn', 'investigatorIds', 'reason', 'kind', 'title', 'collectedOn', 'officerIds', 'measureStartOn', 'measureEndOn', 'opinion', 'notifiedOn',
  'penalties', 'violation', 'legalBasis', 'discretionRuleKey', 'discretionLevel', 'documentNo', 'decidedOn', 'servedOn', 'amount', 'paidOn',
  'appliedOn', 'court', 'closingSummary', 'closedOn', 'transferredOn', 'receivingOrgan', 'reportDates', 'content', 'orgId', 'externalName',
] as const;
const fieldErrorOf = namedFieldError(FIELDS);

/** Dates as the API takes them ('YYYY-MM-DD'), strings trimmed, empty values left out. */
function out(v: unknown): unknown {
  if (dayjs.isDayjs(v)) return (v as Dayjs).format('YYYY-MM-DD');
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return v.map(out).filter((x) => x !== undefined);
  return v;
}
const clean = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, out(x)]).filter(([, x]) => x !== undefined && x !== null));

/** The body of an action from its form's values. */
function bodyOf(action: CaseAction, v: Values): Record<string, unknown> {
  const { penalties, wording, penaltyText, violation, legalBasis, discretionRuleKey, discretionLevel, ...rest } = v;
  switch (action) {
    case 'notify':
      return {
        ...clean(rest),
        intendedPenalty: {
          penalties: penaltiesOut({ penalties }),
          wording: wording?.trim(),
          violation: violation?.trim(),
          legalBasis: legalBasis?.trim(),
          discretionRuleKey: discretionRuleKey ?? null,
          discretionLevel: discretionLevel ?? null,
        },
      };
    case 'decide':
      return { ...clean({ ...rest, penaltyText, violation, legalBasis, discretionRuleKey, discretionLevel }), penalties: penaltiesOut({ penalties }) };
    case 'add_party': {
      const { partyKind, ...party } = rest;
      return clean({ ...party, role: 'assisting', ...(partyKind === 'org' ? { externalName: undefined, externalRegion: undefined } : { orgId: undefined }) });
    }
    default:
      return clean(rest);
  }
}

/** One action of the case as a dialog with that action's fields; sends the case's version (If-Match). */
export function CaseActionModal({ c, action, onClose, onDone, onStale }: { c: Case; action: CaseAction | null; onClose: () => void; onDone: (saved: Case) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const needsOfficers = action === 'open' || action === 'add_evidence' || action === 'notify' || action === 'serve';
  const users = useActiveUserOptions(needsOfficers);
  const orgs = useOrgs(action === 'add_party');
  const reports = useAsync(() => (action === 'report_progress' ? casesApi.supervision(c.id) : Promise.resolve(null)), `${action}:${c.id}:${c.version}`);
  const partyOrgIds = new Set(c.parties.map((p) => p.orgId));
  const bureaus = orgs.orgs.filter((o) => (o.type === 'city_bureau' || o.type === 'county_bureau') && !partyOrgIds.has(o.id)).map((o) => ({ value: o.id, label: o.name }));
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const chosen = (field: string) => [{ required: true, message: t('common.selectRequired', { field }) }];
  const atLeastTwo = [
    { required: true, message: t('cases.atLeastTwo') },
    { validator: async (_: unknown, v: unknown[] | undefined) => (v && v.length >= 2 ? undefined : Promise.reject(new Error(t('cases.atLeastTwo')))) },
  ];
  const today = todayInChina();
  const dateField = (name: string, label: string, opts: { required?: boolean; future?: boolean } = {}) => (
    <Form.Item name={name} label={label} rules={opts.required === false ? undefined : chosen(label)}>
      <DatePicker style={{ width: '100%' }} disabledDate={opts.future ? undefined : isAfterToday} />
    </Form.Item>
  );
  const officerPicker = (name: string, label: string) =>
    users.allowed ? (
      <Form.Item name={name} label={label} rules={atLeastTwo} extra={t('cases.officersHint')}>
        <Select mode="multiple" showSearch optionFilterProp="label" options={users.options} loading={users.loading} data-testid={`pick-${name}`} />
      </Form.Item>
    ) : (
      <Alert type="warning" showIcon message={t('cases.noUserRead')} style={{ marginBottom: 16 }} />
    );
  const note = (name = 'note', label = t('cases.f.note'), need = false, max = 2000) => (
    <Form.Item name={name} label={label} rules={need ? required(label) : undefined}>
      <Input.TextArea rows={need && max > 2000 ? 6 : 3} maxLength={max} showCount={need} />
    </Form.Item>
  );

  const initial: Values = (() => {
    switch (action) {
      case 'open':
        return { openedOn: today };
      case 'extend':
        return { kind: c.stage === 'lead' ? 'lead' : 'decision' };
      case 'add_evidence':
        return { collectedOn: today, kind: 'document', officerIds: c.investigatorIds };
      case 'notify':
        return { notifiedOn: today, officerIds: c.investigatorIds, ...penaltyValuesOf(c, false) };
      case 'record_defence':
        return { hearingRequested: false };
      case 'hold_hearing':
        return { heldOn: today };
      case 'decide':
        return { decidedOn: today, ...penaltyValuesOf(c, true) };
      case 'serve':
        return { servedOn: today, method: SERVICE_METHODS.direct, officerIds: c.investigatorIds };
      case 'record_payment':
        return { paidOn: today, amount: c.amountDue !== null ? Math.max(0, (c.amountDue ?? 0) - (c.amountPaid ?? 0)) || undefined : undefined };
      case 'apply_enforcement':
        return { appliedOn: today };
      case 'close':
        return { closedOn: today };
      case 'transfer':
        return { transferredOn: today };
      case 'supervise':
        return { reportDates: [today.add(1, 'month')] };
      case 'add_party':
        return { partyKind: 'org' };
      default:
        return {};
    }
  })();

  const fields = (form: Parameters<typeof PenaltyEditor>[0]['form']) => {
    switch (action) {
      case 'open':
        return (
          <>
            {dateField('openedOn', t('cases.f.openedOn'))}
            {officerPicker('investigatorIds', t('cases.f.investigators'))}
            {note()}
          </>
        );
      case 'decline':
        return note('reason', t('cases.f.reason'), true);
      case 'extend':
        return (
          <>
            <Form.Item name="kind" label={t('cases.f.extendKind')} rules={chosen(t('cases.f.extendKind'))}>
              <Radio.Group>
                {c.stage === 'lead' ? (
                  <Radio value="lead">{t('cases.f.extendKinds.lead')}</Radio>
                ) : (
                  <Radio value="decision">{t('cases.f.extendKinds.decision')}</Radio>
                )}
              </Radio.Group>
            </Form.Item>
            {note('reason', t('cases.f.reason'), true)}
          </>
        );
      case 'add_evidence':
        return <EvidenceFields form={form} officerPicker={officerPicker('officerIds', t('cases.officers'))} />;
      case 'submit_review':
        return note();
      case 'review':
        return (
          <>
            <Form.Item name="result" label={t('cases.f.reviewResult')} rules={chosen(t('cases.f.reviewResult'))}>
              <Radio.Group>
                <Radio value="approved">{t('cases.reviewResults.approved')}</Radio>
                <Radio value="returned">{t('cases.reviewResults.returned')}</Radio>
              </Radio.Group>
            </Form.Item>
            {note('opinion', t('cases.f.opinion'), true)}
          </>
        );
      case 'notify':
        return (
          <>
            {dateField('notifiedOn', t('cases.f.notifiedOn'))}
            <PenaltyEditor form={form} c={c} decision={false} />
            {officerPicker('officerIds', t('cases.penalty.officers'))}
          </>
        );
      case 'record_defence':
        return (
          <>
            <Form.Item name="hearingRequested" label={t('cases.f.hearingRequested')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {note('statement', t('cases.f.statement'), false, 20000)}
          </>
        );
      case 'hold_hearing':
        return (
          <>
            {dateField('heldOn', t('cases.f.heldOn'))}
            {note('record', t('cases.f.record'), true, 20000)}
          </>
        );
      case 'decide':
        return (
          <>
            {dateField('decidedOn', t('cases.f.decidedOn'))}
            <PenaltyEditor form={form} c={c} decision />
            <Form.Item name="documentNo" label={t('cases.f.documentNo')}>
              <Input maxLength={60} />
            </Form.Item>
          </>
        );
      case 'serve':
        return (
          <>
            {dateField('servedOn', t('cases.f.servedOn'))}
            <Form.Item name="method" label={t('cases.f.method')} rules={chosen(t('cases.f.method'))}>
              <Select options={Object.entries(SERVICE_METHODS).map(([k, zh]) => ({ value: zh, label: t(`cases.f.methods.${k}`) }))} />
            </Form.Item>
            {officerPicker('officerIds', t('cases.penalty.officers'))}
          </>
        );
      case 'record_payment':
        return (
          <>
            <Form.Item name="amount" label={t('cases.f.amount')} rules={chosen(t('cases.f.amount'))}>
              <InputNumber min={0.01} max={c.amountDue ?? undefined} precision={2} style={{ width: '100%' }} addonBefore="¥" />
            </Form.Item>
            {dateField('paidOn', t('cases.f.paidOn'))}
          </>
        );
      case 'apply_enforcement':
        return (
          <>
            {dateField('appliedOn', t('cases.f.appliedOn'))}
            <Form.Item name="court" label={t('cases.f.court')} rules={required(t('cases.f.court'))}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        );
      case 'close':
        return (
          <>
            {note('closingSummary', t('cases.f.closingSummary'), true, 20000)}
            {dateField('closedOn', t('cases.f.closedOn'), { required: false })}
          </>
        );
      case 'transfer':
        return (
          <>
            {dateField('transferredOn', t('cases.transferredOn'))}
            <Form.Item name="receivingOrgan" label={t('cases.receivingOrgan')} rules={required(t('cases.receivingOrgan'))}>
              <Input maxLength={200} />
            </Form.Item>
            {note('reason', t('cases.transferReason'), true)}
            <Form.Item name="suspectedCrime" label={t('cases.suspectedCrime')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="documentNo" label={t('cases.transferDocumentNo')}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        );
      case 'supervise':
        return (
          <>
            {note('reason', t('cases.supervisionReason'), true)}
            <Form.Item label={t('cases.reportDates')} extra={t('cases.reportDatesHint')} required>
              <Form.List name="reportDates" rules={[{ validator: async (_, v: unknown[] | undefined) => (v?.length ? undefined : Promise.reject(new Error(t('common.selectRequired', { field: t('cases.reportDates') })))) }]}>
                {(items, { add, remove }, { errors }) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {items.map((item) => (
                      <Space key={item.key} align="baseline">
                        <Form.Item name={item.name} noStyle rules={chosen(t('cases.reportDates'))}>
                          <DatePicker disabledDate={(d) => !d.isAfter(today, 'day')} />
                        </Form.Item>
                        {items.length > 1 && <MinusCircleOutlined onClick={() => remove(item.name)} />}
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                      {t('cases.addDate')}
                    </Button>
                    <Form.ErrorList errors={errors} />
                  </Space>
                )}
              </Form.List>
            </Form.Item>
            <Form.Item name="documentNo" label={t('cases.supervisionDocumentNo')}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        );
      case 'report_progress': {
        const open = (reports.data?.reports ?? []).filter((r) => !r.reportedOn);
        return (
          <>
            {open.length > 0 && (
              <Form.Item name="reportId" label={t('cases.f.reportId')}>
                <Select allowClear options={open.map((r) => ({ value: r.id, label: r.dueOn }))} />
              </Form.Item>
            )}
            {note('content', t('cases.f.content'), true, 5000)}
          </>
        );
      }
      case 'add_party':
        return <PartyFields form={form} bureaus={bureaus} loading={orgs.loading} />;
      default:
        return null;
    }
  };

  return (
    <FormModal<Values>
      open={action !== null}
      title={action ? t(`cases.actions.${action}`) : ''}
      okText={action ? t(`cases.actions.${action}`) : undefined}
      initialValues={initial}
      width={action === 'notify' || action === 'decide' ? 760 : 620}
      onClose={onClose}
      onStale={onStale}
      fieldErrorOf={fieldErrorOf}
      onSubmit={async (v) => {
        if (!action) return;
        try {
          onDone(await casesApi.act(c, action, bodyOf(action, v)));
        } catch (err) {
          throw explained(err, t);
        }
      }}
    >
      {(form) => fields(form)}
    </FormModal>
  );
}

/** add_evidence: kind, title, date, place, officers; an inquiry's interviewee and record; a seizure's or sealing's dates. */
function EvidenceFields({ form, officerPicker }: { form: Parameters<typeof PenaltyEditor>[0]['form']; officerPicker: ReactNode }) {
  const { t } = useTranslation();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const measure = kind === 'seizure' || kind === 'sealing';
  const record = kind === 'inquiry' || kind === 'onsite';
  const chosen = (field: string) => [{ required: true, message: t('common.selectRequired', { field }) }];
  return (
    <>
      <Form.Item name="kind" label={t('cases.evidenceKind')} rules={chosen(t('cases.evidenceKind'))}>
        <Select options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`cases.evidenceKinds.${k}`) }))} data-testid="evidence-kind" />
      </Form.Item>
      <Form.Item name="title" label={t('cases.evidenceTitleField')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.evidenceTitleField') }) }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap style={{ width: '100%' }} size={16}>
        <Form.Item name="collectedOn" label={t('cases.collectedOn')} rules={chosen(t('cases.collectedOn'))}>
          <DatePicker disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name="place" label={t('cases.place')}>
          <Input maxLength={200} style={{ width: 280, maxWidth: '100%' }} />
        </Form.Item>
      </Space>
      {officerPicker}
      {kind === 'inquiry' && (
        <Form.Item name="interviewee" label={t('cases.interviewee')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.interviewee') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      {record && (
        <Form.Item name="content" label={t('cases.content')}>
          <Input.TextArea rows={5} maxLength={20000} />
        </Form.Item>
      )}
      {measure && (
        <Space wrap size={16}>
          <Form.Item name="measureStartOn" label={t('cases.measureStartOn')} rules={chosen(t('cases.measureStartOn'))}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="measureEndOn"
            label={t('cases.measureEndOn')}
            extra={t('cases.measureHint')}
            dependencies={['measureStartOn']}
            rules={[
              ...chosen(t('cases.measureEndOn')),
              ({ getFieldValue }) => ({
                validator: async (_, v: Dayjs | undefined) => {
                  const start = getFieldValue('measureStartOn') as Dayjs | undefined;
                  if (v && start && (v.isBefore(start, 'day') || v.isAfter(start.add(30, 'day'), 'day'))) throw new Error(t('cases.measureHint'));
                },
              }),
            ]}
          >
            <DatePicker />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="description" label={t('cases.description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** add_party: a bureau of the city (its org) or one outside it (name and region). */
function PartyFields({ form, bureaus, loading }: { form: Parameters<typeof PenaltyEditor>[0]['form']; bureaus: { value: string; label: string }[]; loading: boolean }) {
  const { t } = useTranslation();
  const kind = Form.useWatch('partyKind', form) as 'org' | 'external' | undefined;
  return (
    <>
      <Form.Item name="partyKind" label={t('cases.partyKind')}>
        <Radio.Group>
          <Radio value="org">{t('cases.partyKinds.org')}</Radio>
          <Radio value="external">{t('cases.partyKinds.external')}</Radio>
        </Radio.Group>
      </Form.Item>
      {kind !== 'external' ? (
        <Form.Item name="orgId" label={t('cases.partyOrg')} rules={[{ required: true, message: t('common.selectRequired', { field: t('cases.partyOrg') }) }]}>
          <Select showSearch optionFilterProp="label" options={bureaus} loading={loading} data-testid="party-org" />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="externalName" label={t('cases.externalName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.externalName') }) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="externalRegion" label={t('cases.externalRegion')}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      )}
      <Form.Item name="contact" label={t('cases.contact')}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
