import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography, type FormInstance } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../app/hooks/useAsync';
import { listOf } from '../../app/i18n/punctuation';
import { api } from '../../api/client';
import type { ListResult } from '../../api/types';
import { casesApi, PENALTY_TYPES, WITH_AMOUNT, type Case, type DiscretionRule, type PenaltyType } from './cases.api';

/** The form fields the editor owns (flat; the notice nests them under `intendedPenalty`). */
export interface PenaltyValues {
  penalties?: { type?: PenaltyType; amount?: number | null; licenceId?: string; note?: string }[];
  wording?: string;
  penaltyText?: string;
  violation?: string;
  legalBasis?: string;
  discretionRuleKey?: string;
  discretionLevel?: string;
}

interface LicenceOption {
  id: string;
  number: string;
  typeName?: string;
  state?: string;
}

/** Its initial values from the notice, when deciding a notified case. */
export function penaltyValuesOf(c: Case, forDecision: boolean): PenaltyValues {
  const p = forDecision ? c.intendedPenalty : null;
  if (!p) return { penalties: [{ type: 'fine' }] };
  return {
    penalties: p.penalties.map((x) => ({ type: x.type, amount: x.amount ?? undefined, licenceId: x.licenceId ?? undefined, note: x.note ?? undefined })),
    violation: p.violation,
    legalBasis: p.legalBasis,
    discretionRuleKey: p.discretionRuleKey ?? undefined,
    discretionLevel: p.discretionLevel ?? undefined,
  };
}

/**
 * The penalties of a notice or a decision: the discretion rule and its level (from GET
 * /api/case-discretion-rules: choosing a rule fills the violation and the legal basis, the level
 * tells the allowed penalty types and the fine's range), the penalty types with their amounts, the
 * licence revoked (decision only: the party's licences) and the wording.
 */
export function PenaltyEditor({ form, c, decision }: { form: FormInstance; c: Case; decision: boolean }) {
  const { t } = useTranslation();
  // The penalties' rows from the notice (or one fine): set once the dialog's own reset has run (a
  // list's rows mounting after the dialog set its values may come up empty).
  useEffect(() => {
    const timer = window.setTimeout(() => {
      form.setFieldsValue({ penalties: penaltyValuesOf(c, decision).penalties });
    }, 0);
    return () => window.clearTimeout(timer);
    // once per opening (the dialog mounts the editor afresh)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const rules = useAsync(() => casesApi.discretionRules());
  const licences = useAsync(
    () => (decision && c.uscc ? api.get<ListResult<LicenceOption>>('/api/licences', { uscc: c.uscc, pageSize: 100 }) : Promise.resolve({ items: [], total: 0 })),
    `${decision}:${c.uscc ?? ''}`,
  );
  const ruleKey = Form.useWatch('discretionRuleKey', form) as string | undefined;
  const levelKey = Form.useWatch('discretionLevel', form) as string | undefined;
  const penalties = (Form.useWatch('penalties', form) as PenaltyValues['penalties']) ?? [];
  const active = useMemo(() => (rules.data?.items ?? []).filter((r) => r.active), [rules.data]);
  const rule: DiscretionRule | undefined = active.find((r) => r.key === ruleKey) ?? rules.data?.items.find((r) => r.key === ruleKey);
  const level = rule?.levels.find((l) => l.level === levelKey);
  const typeName = (k: PenaltyType) => t(`cases.penalty.types.${k}`);
  const range = level && (level.fineMin !== null || level.fineMax !== null) ? `${level.fineMin ?? 0} – ${level.fineMax ?? '∞'}` : level?.fineRule ?? null;

  const pickRule = (key: string) => {
    const r = active.find((x) => x.key === key);
    if (!r) return;
    form.setFieldsValue({ violation: r.violation, legalBasis: r.penaltyProvision, discretionLevel: undefined });
  };

  return (
    <Card size="small" title={t('cases.penalty.title')} style={{ marginBottom: 16 }} data-testid="penalty-editor">
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <Form.Item name="discretionRuleKey" label={t('cases.penalty.rule')} rules={decision ? [{ required: true, message: t('common.selectRequired', { field: t('cases.penalty.rule') }) }] : undefined}>
            <Select
              allowClear={!decision}
              showSearch
              optionFilterProp="label"
              loading={rules.loading}
              onChange={pickRule}
              options={active.map((r) => ({ value: r.key, label: `${r.violation}（${r.penaltyProvision}）` }))}
              data-testid="discretion-rule"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="discretionLevel" label={t('cases.penalty.level')} rules={decision ? [{ required: true, message: t('common.selectRequired', { field: t('cases.penalty.level') }) }] : undefined}>
            <Select
              allowClear={!decision}
              disabled={!rule}
              options={(rule?.levels ?? []).map((l) => ({ value: l.level, label: t(`cases.penalty.levels.${l.level}`, { defaultValue: l.level }) }))}
              data-testid="discretion-level"
            />
          </Form.Item>
        </Col>
      </Row>
      {level && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          message={
            <Space direction="vertical" size={0}>
              <span>{level.circumstances}</span>
              <span>{t('cases.penalty.allowedTypes', { types: listOf(t, level.penaltyTypes.map(typeName)) || t('common.none') })}</span>
              {range && <span>{t('cases.penalty.fineRange', { range })}</span>}
            </Space>
          }
        />
      )}
      <Form.List name="penalties" rules={[{ validator: async (_, v: unknown[] | undefined) => (v?.length ? undefined : Promise.reject(new Error(t('cases.penalty.atLeastOne')))) }]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => {
              const type = penalties[field.name]?.type;
              const withAmount = !!type && WITH_AMOUNT.includes(type);
              const withLicence = type === 'revocation' && decision;
              return (
                <Row key={field.key} gutter={8} align="top" data-testid="penalty-row">
                  <Col xs={24} sm={8}>
                    <Form.Item
                      name={[field.name, 'type']}
                      label={field.name === 0 ? t('cases.penalty.type') : undefined}
                      rules={[
                        { required: true, message: t('common.selectRequired', { field: t('cases.penalty.type') }) },
                        {
                          validator: async (_, v: PenaltyType | undefined) =>
                            v && level && !level.penaltyTypes.includes(v) ? Promise.reject(new Error(t('cases.penalty.notAllowed', { type: typeName(v) }))) : undefined,
                        },
                      ]}
                    >
                      <Select options={PENALTY_TYPES.map((k) => ({ value: k, label: typeName(k) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={14}>
                    {/* every field stays mounted (hidden when it does not apply), so the values set on opening are kept */}
                    <Form.Item
                      name={[field.name, 'amount']}
                      hidden={!withAmount}
                      label={field.name === 0 ? t('cases.penalty.amount') : undefined}
                      rules={[
                        { required: withAmount, message: t('cases.penalty.amountRequired') },
                        {
                          validator: async (_, v: number | null | undefined) => {
                            if (type !== 'fine' || v === null || v === undefined || !level) return;
                            if ((level.fineMin !== null && v < level.fineMin) || (level.fineMax !== null && v > level.fineMax))
                              throw new Error(t('cases.penalty.outOfRange', { min: level.fineMin ?? 0, max: level.fineMax ?? '∞' }));
                          },
                        },
                      ]}
                    >
                      <InputNumber min={0.01} max={1e11} precision={2} style={{ width: '100%' }} prefix="¥" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'licenceId']}
                      hidden={!withLicence}
                      label={field.name === 0 ? t('cases.penalty.licence') : undefined}
                      rules={[{ required: withLicence, message: t('cases.penalty.licenceRequired') }]}
                      extra={withLicence && !licences.loading && !licences.data?.items.length ? t('cases.penalty.noLicences') : undefined}
                    >
                      <Select loading={licences.loading} options={(licences.data?.items ?? []).map((l) => ({ value: l.id, label: [l.typeName, l.number].filter(Boolean).join(' ') }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'note']} hidden={!type || withAmount || withLicence} label={field.name === 0 ? t('cases.penalty.note') : undefined}>
                      <Input maxLength={500} placeholder={t('cases.penalty.notePlaceholder')} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} style={{ paddingTop: field.name === 0 ? 30 : 4 }}>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.delete', { defaultValue: 'delete' })} />}
                  </Col>
                </Row>
              );
            })}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
              {t('cases.penalty.add')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="violation" label={t('cases.penalty.violation')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.penalty.violation') }) }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="legalBasis" label={t('cases.penalty.legalBasis')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.penalty.legalBasis') }) }]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      {decision ? (
        <Form.Item name="penaltyText" label={t('cases.penalty.penaltyText')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      ) : (
        <Form.Item name="wording" label={t('cases.penalty.wording')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.penalty.wording') }) }]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('cases.penalty.wordingPlaceholder')} />
        </Form.Item>
      )}
      {rule && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {rule.violatedProvision} → {rule.penaltyProvision}
        </Typography.Text>
      )}
    </Card>
  );
}

/** The editor's values as the API takes them (penalties without empty fields, amounts as numbers). */
export function penaltiesOut(v: PenaltyValues) {
  return (v.penalties ?? []).map((p) => ({
    type: p.type!,
    ...(p.type && WITH_AMOUNT.includes(p.type) ? { amount: Number(p.amount) } : {}),
    ...(p.type === 'revocation' && p.licenceId ? { licenceId: p.licenceId } : {}),
    ...(p.note?.trim() ? { note: p.note.trim() } : {}),
  }));
}
