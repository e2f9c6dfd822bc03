import { App, Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale } from '../../api/client';
import { useNotifyError } from '../../app/errors';
import { formatDate, formatDateTime, todayInChina } from '../../app/format';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { myCreditApi, type MyListing, type MyRepair, type RepairInput } from './portal.api';
import { RepairView } from './RepairView';
import './portal.staff.i18n';

const STATUS_COLOR = { proposed: 'default', noticed: 'orange', listed: 'red', not_listed: 'green', removed: 'default' } as const;
/** The shortest commitment the server accepts (repair conditions). */
const COMMITMENT_MIN = 20;

/** 陈述申辩: the enterprise's one answer to the advance notice, while the period runs. */
function AnswerForm({ listing, onDone }: { listing: MyListing; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { required } = useRequiredRules();
  const [saving, setSaving] = useState(false);
  const send = async ({ statement }: { statement: string }) => {
    setSaving(true);
    try {
      await myCreditApi.answer(listing, statement.trim());
      void message.success(t('portal.my.answered'));
      onDone();
    } catch (err) {
      if (isStale(err)) {
        void message.warning(t('errors.staleReloaded'));
        onDone();
      } else notifyError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={send} data-testid="answer-form">
      <Form.Item name="statement" label={t('portal.my.answerLabel')} rules={required(t('portal.my.answerLabel'))} extra={t('portal.my.answerHint', { date: formatDate(listing.answerDue) })}>
        <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 4, maxRows: 10 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('portal.my.answerSubmit')}
      </Button>
    </Form>
  );
}

/** 申请信用修复: statement and commitment; the conditions checked are shown once applied. */
function RepairForm({ listing, onDone }: { listing: MyListing; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { required } = useRequiredRules();
  const [saving, setSaving] = useState(false);
  const label = (key: string) => t(`portal.my.${key}`);
  const send = async (v: RepairInput) => {
    setSaving(true);
    try {
      await myCreditApi.repair(listing, { statement: v.statement.trim(), commitment: v.commitment.trim() });
      void message.success(label('applied'));
      onDone();
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<RepairInput> layout="vertical" onFinish={send} data-testid="repair-form">
      <Typography.Paragraph type="secondary">{label('repairIntro')}</Typography.Paragraph>
      <Form.Item name="statement" label={label('statement')} rules={required(label('statement'))}>
        <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="commitment" label={label('commitment')} rules={[...required(label('commitment')), { min: COMMITMENT_MIN, message: label('commitmentShort') }]} extra={label('commitmentHint')}>
        <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {label('repairSubmit')}
      </Button>
    </Form>
  );
}

/** One listing procedure as the enterprise sees it: the notice and its answer, the listing period, repair applications and the outcome. */
export function MyListingCard({ listing: l, repairs, onChange }: { listing: MyListing; repairs: MyRepair[]; onChange: () => void }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`portal.my.${key}`);
  const today = todayInChina().format('YYYY-MM-DD');
  const answerOpen = l.status === 'noticed' && !l.answer && !!l.answerDue && l.answerDue >= today;
  const mayRepair = l.status === 'listed' && !repairs.some((r) => r.status === 'pending');
  const none = t('common.none');
  return (
    <Card
      data-testid="my-listing"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`portal.my.heading.${l.status}`)}</h2>}
      extra={<Tag color={STATUS_COLOR[l.status]}>{t(`portal.my.statuses.${l.status}`)}</Tag>}
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'no', label: label('listingNo'), children: l.listingNo },
            { key: 'reason', label: label('reason'), children: l.reason },
            { key: 'basis', label: label('legalBasis'), children: l.legalBasis },
            ...(l.caseNo ? [{ key: 'case', label: label('caseNo'), children: l.caseNo }] : []),
            { key: 'notice', label: label('noticeSentOn'), children: formatDate(l.noticeSentOn, none) },
            { key: 'due', label: label('answerDue'), children: formatDate(l.answerDue, none) },
            ...(l.listedOn ? [{ key: 'period', label: label('period'), children: `${formatDate(l.listedOn)} — ${formatDate(l.until)}` }] : []),
            ...(l.removedOn ? [{ key: 'removed', label: label('removedOn'), children: `${formatDate(l.removedOn)}${l.removalKind ? ` · ${t(`portal.my.removal.${l.removalKind}`)}` : ''}` }] : []),
          ]}
        />
        {l.answer && (
          <Alert type="info" message={`${label('yourAnswer')}（${formatDateTime(l.answeredAt)}）`} description={<span style={{ whiteSpace: 'pre-line' }}>{l.answer}</span>} data-testid="my-answer" />
        )}
        {answerOpen && <AnswerForm listing={l} onDone={onChange} />}
        {l.status === 'noticed' && !l.answer && !answerOpen && <Alert type="warning" showIcon message={label('answerClosed')} />}
        {repairs.map((r) => (
          <RepairView key={r.id} repair={r} />
        ))}
        {mayRepair && <RepairForm listing={l} onDone={onChange} />}
      </Space>
    </Card>
  );
}
