import { Alert, App, DatePicker, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { BodyOf, ListResult, ResponseOf } from '../../api/types';
import { FormModal } from '../../app/components/FormModal';
import { formatDate, formatDateTime } from '../../app/format';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import type { Licence } from './licences.api';
import './licenceCorrections.pages.i18n';

export type LicenceCorrection = ResponseOf<'/api/licences/{id}/corrections', 'get'>['items'][number];
type CorrectionInput = BodyOf<'/api/licences/{id}', 'patch'>;

const FIELDS = ['number', 'scope', 'issuer', 'issuedOn', 'expiresOn'] as const;
type Field = (typeof FIELDS)[number];
const DATE_FIELDS: readonly Field[] = ['issuedOn', 'expiresOn'];
/** States in which the certificate is current: only then may its dates be corrected (as the server rules). */
const LIVE_STATES: readonly Licence['state'][] = ['normal', 'warning', 'changeOrdered', 'suspended'];

const path = (id: string) => `/api/licences/${encodeURIComponent(id)}`;

export const correctionsApi = {
  list: (id: string) => api.get<ListResult<LicenceCorrection>>(`${path(id)}/corrections`),
  /** `version`: the licence as loaded (If-Match, required by the server). */
  correct: (id: string, input: CorrectionInput, version: number) => api.patch<Licence>(path(id), input, version),
};

interface FormValues {
  number: string;
  scope?: string;
  issuer: string;
  issuedOn: Dayjs;
  expiresOn?: Dayjs | null;
  reason: string;
}

const fieldErrorOf = namedFieldError<keyof FormValues>([...FIELDS, 'reason']);

/** The fields that differ from the licence, in the API's terms. */
function changesOf(licence: Licence, v: FormValues): Partial<CorrectionInput> {
  const next: Record<Field, string | null> = {
    number: v.number.trim(),
    scope: v.scope?.trim() || null,
    issuer: v.issuer.trim(),
    issuedOn: v.issuedOn.format('YYYY-MM-DD'),
    expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null,
  };
  return Object.fromEntries(FIELDS.filter((f) => next[f] !== (licence[f] ?? null)).map((f) => [f, next[f]]));
}

/** 更正信息: corrects what the record got wrong about the certificate, with a reason (If-Match: the licence's version). */
export function LicenceCorrectModal({ licence, onClose, onDone, onStale }: { licence: Licence | null; onClose: () => void; onDone: (l: Licence) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = (f: string) => t(`licenceCorrections.fields.${f}`);
  const live = licence ? LIVE_STATES.includes(licence.state) : false;
  return (
    <FormModal<FormValues>
      open={!!licence}
      width={640}
      title={t('licenceCorrections.title')}
      initialValues={
        licence
          ? { number: licence.number, scope: licence.scope ?? '', issuer: licence.issuer, issuedOn: dayjs(licence.issuedOn), expiresOn: licence.expiresOn ? dayjs(licence.expiresOn) : null }
          : undefined
      }
      fieldErrorOf={fieldErrorOf}
      onSubmit={async (v) => {
        const changes = changesOf(licence!, v);
        if (Object.keys(changes).length === 0) {
          void message.info(t('licenceCorrections.noChange'));
          return;
        }
        const corrected = await correctionsApi.correct(licence!.id, { ...changes, reason: v.reason.trim() }, licence!.version);
        void message.success(t('licenceCorrections.done'));
        onDone(corrected);
      }}
      onClose={onClose}
      onStale={onStale}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('licenceCorrections.hint')} />
      <Form.Item name="number" label={label('number')} rules={[{ required: true, whitespace: true, message: label('number') }]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="issuer" label={label('issuer')} rules={[{ required: true, whitespace: true, message: label('issuer') }]}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="issuedOn" label={label('issuedOn')} rules={[{ required: true, message: label('issuedOn') }]} extra={live ? undefined : t('licenceCorrections.datesClosed')}>
          <DatePicker format="YYYY-MM-DD" disabled={!live} />
        </Form.Item>
        <Form.Item name="expiresOn" label={label('expiresOn')}>
          <DatePicker format="YYYY-MM-DD" disabled={!live} />
        </Form.Item>
      </Space>
      <Form.Item name="scope" label={label('scope')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="reason" label={t('licenceCorrections.reason')} rules={[{ required: true, whitespace: true, message: t('licenceCorrections.reasonRequired') }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

/** One correction on the licence's timeline: each field before → after, the reason, who and when. */
export function CorrectionEntry({ correction: c }: { correction: LicenceCorrection }) {
  const { t } = useTranslation();
  const show = (f: string, v: string | null | undefined) => (v == null || v === '' ? t('licenceCorrections.empty') : DATE_FIELDS.includes(f as Field) ? formatDate(v) : v);
  return (
    <div data-testid="licence-correction">
      <Space wrap>
        <Typography.Text strong>{formatDateTime(c.createdAt)}</Typography.Text>
        <Tag color="geekblue">{t('licenceCorrections.entry')}</Tag>
      </Space>
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8, maxWidth: 800 }}
        items={[
          ...Object.keys(c.after).map((f) => ({
            key: f,
            label: t(`licenceCorrections.fields.${f}`, { defaultValue: f }),
            children: (
              <span>
                <Typography.Text delete type="secondary">
                  {show(f, c.before[f])}
                </Typography.Text>{' '}
                → {show(f, c.after[f])}
              </span>
            ),
          })),
          { key: 'reason', label: t('licenceCorrections.reason'), children: c.reason },
          { key: 'by', label: t('licenceCorrections.by'), children: c.correctedByName },
        ]}
      />
    </div>
  );
}
