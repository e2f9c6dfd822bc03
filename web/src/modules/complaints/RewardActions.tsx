import { Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { isAfterToday, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { complaintsApi, type Reward } from './complaints.api';

/** 元 with two decimals. */
export const yuan = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : `¥${Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

/** Approve / reject (complaint.approve) and record the payment (complaint.write) of one reward; `onDone` after each. */
export function RewardButtons({ reward: r, onDone, onStale, size }: { reward: Reward; onDone: () => void; onStale: () => void; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState<'decide' | 'pay' | null>(null);
  const decide = r.status === 'proposed' && can('complaint.approve');
  const pay = r.status === 'approved' && can('complaint.write');
  if (!decide && !pay) return null;
  return (
    <>
      <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
        {decide && (
          <Button size={size} type="primary" onClick={() => setOpen('decide')} data-testid="reward-decide">
            {t('complaints.rewardDecide')}
          </Button>
        )}
        {pay && (
          <Button size={size} onClick={() => setOpen('pay')} data-testid="reward-pay">
            {t('complaints.rewardPay')}
          </Button>
        )}
      </Space>
      <FormModal<{ approve: boolean; note?: string }>
        open={open === 'decide'}
        title={t('complaints.rewardDecide')}
        initialValues={{ approve: true }}
        onClose={() => setOpen(null)}
        onStale={onStale}
        onSubmit={async (v) => {
          await complaintsApi.decideReward(r, { approve: v.approve, note: v.note?.trim() || undefined });
          onDone();
        }}
      >
        <Form.Item label={t('complaints.rewardAmount')}>{yuan(r.amount)}</Form.Item>
        <Form.Item name="approve" label={t('complaints.rewardDecision')}>
          <Radio.Group>
            <Radio value={true}>{t('complaints.rewardApprove')}</Radio>
            <Radio value={false}>{t('complaints.rewardReject')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.approve !== b.approve}>
          {({ getFieldValue }) => (
            <Form.Item name="note" label={t('complaints.rewardNote')} rules={[{ required: getFieldValue('approve') === false, whitespace: true, message: t('common.required', { field: t('complaints.rewardNote') }) }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form.Item>
      </FormModal>
      <FormModal<{ paidOn: Dayjs; paymentRef: string }>
        open={open === 'pay'}
        title={t('complaints.rewardPay')}
        initialValues={{ paidOn: todayInChina() }}
        onClose={() => setOpen(null)}
        onStale={onStale}
        onSubmit={async (v) => {
          await complaintsApi.payReward(r, { paidOn: v.paidOn.format('YYYY-MM-DD'), paymentRef: v.paymentRef.trim() });
          onDone();
        }}
      >
        <Form.Item label={t('complaints.rewardAmount')}>{yuan(r.amount)}</Form.Item>
        <Form.Item name="paidOn" label={t('complaints.rewardPaidOn')} rules={[{ required: true, message: t('common.selectRequired', { field: t('complaints.rewardPaidOn') }) }]}>
          <DatePicker disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name="paymentRef" label={t('complaints.rewardPaymentRef')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaints.rewardPaymentRef') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** Propose a reward for a substantiated report: by the case's fine or a level of the scale (the amount is the server's). */
export function ProposeRewardModal({ complaintId, open, onClose, onDone }: { complaintId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const rules = useAsync(() => (open ? complaintsApi.rewardRules() : Promise.resolve(null)), String(open));
  const r = rules.data;
  return (
    <FormModal<{ caseFine?: number; level?: string; reason: string }>
      open={open}
      title={t('complaints.rewardPropose')}
      okText={t('complaints.rewardPropose')}
      onClose={onClose}
      onSubmit={async (v) => {
        await complaintsApi.proposeReward(complaintId, { ...(r?.mode === 'scale' ? { level: v.level } : { caseFine: v.caseFine }), reason: v.reason.trim() });
        onDone();
      }}
    >
      {r?.mode === 'scale' ? (
        <Form.Item name="level" label={t('complaints.rewardLevel')} rules={[{ required: true, message: t('common.selectRequired', { field: t('complaints.rewardLevel') }) }]}>
          <Select options={r.scale.map((s) => ({ value: s.level, label: `${s.name} · ${yuan(s.amount)}` }))} />
        </Form.Item>
      ) : (
        <Form.Item
          name="caseFine"
          label={t('complaints.rewardCaseFine')}
          extra={r ? t('complaints.rewardPercentHint', { percent: r.percent, min: yuan(r.min), max: yuan(r.max) }) : undefined}
          rules={[{ required: true, message: t('common.required', { field: t('complaints.rewardCaseFine') }) }]}
        >
          <InputNumber min={0} max={1e11} precision={2} addonAfter={t('complaints.yuan')} style={{ width: 240 }} />
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('complaints.rewardReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaints.rewardReason') }) }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
