import { App, Button, Card, DatePicker, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useSessionUser } from '../../app/auth/AuthContext';
import { useNotifyError } from '../../app/errors';
import { isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { COMMITMENT_KINDS, enterpriseSelfApi, isActive, type CommitmentKind, type CommitmentTemplate } from './enterpriseSelf.api';
import { SelfFrame } from './SelfFrame';

interface Values {
  kind: CommitmentKind;
  text: string;
  signedBy: string;
  signedOn: Dayjs;
}

const templateList = (answer: { items: CommitmentTemplate[] } | undefined) => answer?.items ?? [];

/** The form of a new commitment: a kind, its template's text (or the enterprise's own), signed by the legal representative. */
function CommitmentForm({ legalRepresentative, onDone, onCancel }: { legalRepresentative: string | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const templates = useAsync(() => enterpriseSelfApi.templates());
  const kind = Form.useWatch('kind', form);
  const template = templateList(templates.data).find((tpl) => tpl.kind === kind);

  const save = async (v: Values) => {
    setSaving(true);
    try {
      await enterpriseSelfApi.commit({ kind: v.kind, text: v.text.trim(), signedBy: v.signedBy.trim(), signedOn: v.signedOn.format('YYYY-MM-DD') });
      void message.success(t('entSelf.committed'));
      onDone();
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('entSelf.newCommitment')} data-testid="commitment-form">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ signedOn: todayInChina(), signedBy: legalRepresentative ?? undefined }}
        onFinish={(v) => void save(v)}
        onValuesChange={(changed: Partial<Values>) => {
          // a new kind starts from its template while the text is empty or still another template's
          if (changed.kind) {
            const next = templateList(templates.data).find((tpl) => tpl.kind === changed.kind);
            const current = form.getFieldValue('text') as string | undefined;
            if (next && (!current?.trim() || templateList(templates.data).some((tpl) => tpl.text === current))) form.setFieldValue('text', next.text);
          }
        }}
      >
        <Form.Item name="kind" label={t('entSelf.kind')} rules={[{ required: true, message: t('common.selectRequired', { field: t('entSelf.kind') }) }]}>
          <Select options={COMMITMENT_KINDS.map((k) => ({ value: k, label: t(`entSelf.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="text"
          label={
            <Space>
              <span>{t('entSelf.text')}</span>
              {template && (
                <Button size="small" type="link" onClick={() => form.setFieldValue('text', template.text)}>
                  {t('entSelf.useTemplate')}
                </Button>
              )}
            </Space>
          }
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('entSelf.text') }) }]}
        >
          <Input.TextArea rows={8} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="signedBy" label={t('entSelf.signedBy')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('entSelf.signedBy') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="signedOn" label={t('entSelf.signedOn')} rules={[{ required: true, message: t('common.required', { field: t('entSelf.signedOn') }) }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={isAfterToday} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }} wrap>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('entSelf.newCommitment')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

/** 质量承诺: the enterprise's commitments (those in force are public), a new one, withdrawing one. */
export function MyCommitmentsPage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { can } = useAuth();
  const notifyError = useNotifyError();
  const [adding, setAdding] = useState(false);
  const uscc = user.enterpriseUscc ?? '';
  const { data, loading, error, reload } = useAsync(() => enterpriseSelfApi.commitments(uscc), uscc);
  const enterprise = useAsync(() => enterpriseSelfApi.enterprise());
  const writable = can('enterprise_self.commit');

  return (
    <SelfFrame
      title={t('entSelf.commitmentsTitle')}
      error={error}
      testId="my-commitments"
      extra={
        writable &&
        !adding && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('entSelf.newCommitment')}
          </Button>
        )
      }
    >
      <Typography.Text type="secondary">{t('entSelf.publicHint')}</Typography.Text>
      {adding && (
        <CommitmentForm
          legalRepresentative={enterprise.data?.legalRepresentative ?? null}
          onCancel={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
      <Card styles={{ body: { padding: '4px 16px' } }}>
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('entSelf.none') }}
          renderItem={(c) => (
            <List.Item
              data-testid="my-commitment"
              actions={
                writable && isActive(c)
                  ? [
                      <Popconfirm key="withdraw" title={t('entSelf.confirmWithdraw')} onConfirm={() => enterpriseSelfApi.withdraw(c).then(reload, notifyError)}>
                        <Button size="small" danger>
                          {t('entSelf.withdraw')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>{t(`entSelf.kinds.${c.kind}`, { defaultValue: c.kind })}</span>
                    <Tag color={isActive(c) ? 'green' : 'default'}>{t(isActive(c) ? 'entSelf.active' : 'entSelf.withdrawn')}</Tag>
                  </Space>
                }
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
                      {c.text}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('entSelf.signedLine', { signedBy: c.signedBy, signedOn: c.signedOn })}
                      {c.withdrawnOn ? ` · ${t('entSelf.withdrawn')} ${c.withdrawnOn}` : ''}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </SelfFrame>
  );
}
