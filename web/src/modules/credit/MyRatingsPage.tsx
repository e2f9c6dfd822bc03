import { Alert, Button, DatePicker, Form, Input, Result, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { ListPage } from '../../app/list/ListPage';
import { creditApi, GRADES, RATING_STATES, type Grade, type Rating, type RatingQuery } from './credit.api';
import { RatingStateTag } from './labels';
import './credit.pages.i18n';

interface RatingValues {
  uscc: string;
  grade: Grade;
  ratedOn: Dayjs;
  validUntil: Dayjs;
  reportNo: string;
  note?: string;
}

const FIELDS = ['uscc', 'grade', 'ratedOn', 'validUntil', 'reportNo'] as const;

/**
 * 信用评价结果 of the evaluator's own organisation (credit.rate). Only an evaluator's account (data
 * scope org) acts for an evaluator; anyone else holding credit.rate (the administrator) is told so
 * and makes no call the server would refuse.
 */
export function MyRatingsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (user?.dataScope !== 'org') return <Result status="info" title={t('credit.evaluatorsOnly')} />;
  return <EvaluatorRatings />;
}

/** The list, a new rating, withdrawing one. */
function EvaluatorRatings() {
  const { t } = useTranslation();
  const mine = useAsync(() => creditApi.myEvaluator());
  const [creating, setCreating] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Rating | null>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const reload = () => setReloadToken((n) => n + 1);
  const today = todayInChina();
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field: t(field) }) }];
  const columns: TableColumnsType<Rating> = [
    { title: t('credit.enterprise'), dataIndex: 'enterpriseName', render: (v: string, r) => `${v}（${r.uscc}）` },
    { title: t('credit.grade'), dataIndex: 'grade', render: (v: string) => <Tag color="blue">{v}</Tag> },
    { title: t('credit.ratedOn'), dataIndex: 'ratedOn', className: 'zj-nowrap', responsive: ['sm'] },
    { title: t('credit.validUntil'), dataIndex: 'validUntil', className: 'zj-nowrap' },
    { title: t('credit.reportNo'), dataIndex: 'reportNo', className: 'zj-nowrap', responsive: ['md'] },
    { title: t('common.status'), dataIndex: 'state', className: 'zj-nowrap', render: (v: Rating['state'], r) => <span title={r.withdrawnReason ?? undefined}><RatingStateTag state={v} /></span> },
    {
      title: t('common.actions'),
      key: 'actions',
      className: 'zj-nowrap',
      render: (_: unknown, r) =>
        r.state !== 'withdrawn' && (
          <Button size="small" onClick={() => setWithdrawing(r)}>
            {t('credit.withdraw')}
          </Button>
        ),
    },
  ];
  const e = mine.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {e && !e.qualified && <Alert type="warning" showIcon message={t('credit.notQualified', { name: e.name })} />}
      <ListPage<Rating, RatingQuery>
        title={e ? t('credit.myRatingsOf', { name: e.name }) : t('credit.myRatingsTitle')}
        fetch={creditApi.ratings}
        rowKey="id"
        columns={columns}
        reloadToken={reloadToken}
        tableProps={{ scroll: { x: 'max-content' } }}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} disabled={!e?.qualified} onClick={() => setCreating(true)} data-testid="rating-create">
            {t('credit.newRating')}
          </Button>
        }
        filters={
          <>
            <Form.Item name="uscc" label={t('credit.uscc')}>
              <Input allowClear style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="state" label={t('common.status')}>
              <Select allowClear style={{ width: 120 }} options={RATING_STATES.map((s) => ({ value: s, label: t(`credit.ratingStates.${s}`) }))} />
            </Form.Item>
          </>
        }
      />
      <FormModal<RatingValues>
        open={creating}
        title={t('credit.newRating')}
        initialValues={{ ratedOn: today }}
        onClose={() => setCreating(false)}
        fieldErrorOf={namedFieldError(FIELDS)}
        onSubmit={async (v) => {
          await creditApi.rate({ uscc: v.uscc.trim().toUpperCase(), grade: v.grade, ratedOn: v.ratedOn.format('YYYY-MM-DD'), validUntil: v.validUntil.format('YYYY-MM-DD'), reportNo: v.reportNo.trim(), note: v.note?.trim() || null });
          reload();
        }}
      >
        <Form.Item name="uscc" label={t('credit.uscc')} rules={required('credit.uscc')}>
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="grade" label={t('credit.grade')} rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.grade') }) }]}>
          <Select options={GRADES.map((g) => ({ value: g, label: g }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="ratedOn" label={t('credit.ratedOn')} rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.ratedOn') }) }]}>
            <DatePicker disabledDate={(d) => d.isAfter(today, 'day')} />
          </Form.Item>
          <Form.Item name="validUntil" label={t('credit.validUntil')} rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.validUntil') }) }]}>
            <DatePicker disabledDate={(d) => !d.isAfter(today, 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="reportNo" label={t('credit.reportNo')} rules={required('credit.reportNo')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('credit.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string }>
        open={withdrawing !== null}
        title={withdrawing ? t('credit.withdrawTitle', { reportNo: withdrawing.reportNo }) : ''}
        okText={t('credit.withdraw')}
        onClose={() => setWithdrawing(null)}
        onSubmit={async (v) => {
          await creditApi.withdrawRating(withdrawing!.id, v.reason.trim());
          reload();
        }}
      >
        <Typography.Paragraph type="secondary">{t('credit.withdrawHint')}</Typography.Paragraph>
        <Form.Item name="reason" label={t('credit.withdrawReason')} rules={required('credit.withdrawReason')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
