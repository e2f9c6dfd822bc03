import { Alert, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/components/FormModal';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { lotsApi, type Application, type ApplicationInput } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/** The lot applied for (a row of the lots list or the lot itself). */
export interface LotToApply {
  id: string;
  lotNo: string;
  batches: number;
}

/** 申请承检: the price per batch, the batches the institution can take, a note. */
export function ApplyModal({ lot, defaultPrice, onClose, onApplied }: { lot: LotToApply | null; defaultPrice?: number; onClose: () => void; onApplied: (a: Application) => void }) {
  const { t } = useTranslation();
  const { selectRequired } = useRequiredRules();
  const label = (key: string) => t(`spotcheckLots.${key}`);
  return (
    <FormModal<ApplicationInput>
      open={!!lot}
      title={lot ? t('spotcheckLots.applyTitle', { lotNo: lot.lotNo }) : ''}
      okText={label('apply')}
      initialValues={{ price: defaultPrice, capacity: lot?.batches }}
      onClose={onClose}
      onSubmit={async (v) => {
        if (!lot) return;
        onApplied(await lotsApi.apply(lot.id, { price: v.price, capacity: v.capacity, note: v.note?.trim() || null }));
      }}
    >
      <Alert type="info" showIcon message={label('applyHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="price" label={label('price')} rules={selectRequired(label('price'))}>
        <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} data-testid="apply-price" />
      </Form.Item>
      <Form.Item name="capacity" label={label('capacity')} rules={selectRequired(label('capacity'))}>
        <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} data-testid="apply-capacity" />
      </Form.Item>
      <Form.Item name="note" label={label('note')}>
        <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
