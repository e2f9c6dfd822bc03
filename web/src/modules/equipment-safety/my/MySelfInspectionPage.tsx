import { App, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useNotifyError } from '../../../app/errors';
import { isAfterToday, todayInChina } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { SelfFrame } from '../../enterprise-self';
import { useCategoryName } from '../useCategoryName';
import { eqApi, HAZARD_LEVELS, type HazardLevel } from '../equipmentSafety.api';
import '../equipmentSafety.pages.i18n';

interface Values {
  inspectedOn: Dayjs;
  note?: string;
  hazards: { equipmentId?: string; description: string; level: HazardLevel; correctionDueOn: Dayjs }[];
}

/** 报告自查: the enterprise reports a self-inspection of its units and the hazards it found (none is a valid answer). */
export function MySelfInspectionPage() {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [sending, setSending] = useState(false);
  const units = useAsync(() => eqApi.units({ pageSize: 200 }));
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: `${categoryName(u)} ${u.equipmentCode}` }));
  const preset = params.get('equipmentId') ?? undefined;

  const send = async (v: Values) => {
    setSending(true);
    try {
      await eqApi.selfInspection({
        inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        hazards: (v.hazards ?? []).map((h) => ({ ...(h.equipmentId ? { equipmentId: h.equipmentId } : {}), description: h.description.trim(), level: h.level, correctionDueOn: h.correctionDueOn.format('YYYY-MM-DD') })),
      });
      void message.success(t('eqs.selfInspectionSent'));
      navigate('/my/equipment/hazards');
    } catch (err) {
      notifyError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <SelfFrame title={t('eqs.mySelfInspection')} back="/my/equipment" backLabel={t('eqs.myMenu')} testId="my-self-inspection">
      <Card>
        <Form<Values>
          layout="vertical"
          initialValues={{ inspectedOn: todayInChina(), hazards: [{ equipmentId: preset, level: 'general', correctionDueOn: todayInChina().add(30, 'day') }] }}
          onFinish={(v) => void send(v)}
          data-testid="self-inspection-form"
        >
          <Typography.Paragraph type="secondary">{t('eqs.selfInspectionHint')}</Typography.Paragraph>
          <Form.Item name="inspectedOn" label={t('eqs.inspectedOn')} rules={[{ required: true, message: t('common.required', { field: t('eqs.inspectedOn') }) }]}>
            <DatePicker inputReadOnly disabledDate={isAfterToday} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('eqs.selfInspectionNote')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.List name="hazards">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f, i) => (
                  <Card
                    key={f.key}
                    size="small"
                    title={t('eqs.hazardN', { n: i + 1 })}
                    data-testid="self-hazard"
                    extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />}
                  >
                    <Form.Item name={[f.name, 'equipmentId']} label={t('eqs.unit')} extra={t('eqs.unitOptional')}>
                      <Select allowClear showSearch optionFilterProp="label" loading={units.loading} options={unitOptions} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'description']} label={t('eqs.description')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('eqs.description') }) }]}>
                      <Input.TextArea rows={3} maxLength={2000} />
                    </Form.Item>
                    <Space wrap>
                      <Form.Item name={[f.name, 'level']} label={t('eqs.levelLabel')} rules={[{ required: true }]}>
                        <Select style={{ width: 120 }} options={HAZARD_LEVELS.map((l) => ({ value: l, label: t(`eqs.level.${l}`) }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'correctionDueOn']} label={t('eqs.correctionDueOn')} rules={[{ required: true, message: t('common.required', { field: t('eqs.correctionDueOn') }) }]}>
                        <DatePicker inputReadOnly disabledDate={(d) => d.isBefore(todayInChina(), 'day')} />
                      </Form.Item>
                    </Space>
                  </Card>
                ))}
                <Button block icon={<PlusOutlined />} onClick={() => add({ level: 'general', correctionDueOn: todayInChina().add(30, 'day') })}>
                  {t('eqs.hazardAdd')}
                </Button>
                {fields.length === 0 && <Typography.Text type="secondary">{t('eqs.noHazardsFound')}</Typography.Text>}
              </Space>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" block size="large" loading={sending} style={{ marginTop: 16 }}>
            {t('eqs.selfInspectionSend')}
          </Button>
        </Form>
      </Card>
    </SelfFrame>
  );
}
