import { Button, Card, DatePicker, Form, InputNumber, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddWorkingDaysResult } from '../../api/types';
import { UncertainMark } from '../../app/components/UncertainMark';
import { useNotifyError } from '../../app/errors';
import { calendarApi } from './calendar.api';
import { todayInChina } from '../../app/format';

interface Values {
  from: Dayjs;
  days: number;
}

/** from date + N working days → date, flagged "uncertain" when the calendar lacks data. */
export function WorkingDayCalculator() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [result, setResult] = useState<AddWorkingDaysResult | null>(null);
  const [loading, setLoading] = useState(false);

  const onFinish = (v: Values) => {
    setLoading(true);
    calendarApi
      .addWorkingDays(v.from.format('YYYY-MM-DD'), v.days)
      .then(setResult, notifyError)
      .finally(() => setLoading(false));
  };

  return (
    <Card size="small" title={t('calendar.calculator')} data-testid="working-day-calculator">
      <Form<Values>
        layout="vertical"
        initialValues={{ from: todayInChina(), days: 15 }}
        onFinish={onFinish}
        onValuesChange={() => setResult(null)}
      >
        <Form.Item name="from" label={t('calendar.from')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="days" label={t('calendar.days')} rules={[{ required: true }]}>
          <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          {t('calendar.compute')}
        </Button>
      </Form>
      {result && (
        <div style={{ marginTop: 16 }} data-testid="working-day-result">
          <Typography.Text type="secondary">{t('calendar.result')}</Typography.Text>
          <Space style={{ display: 'flex', marginTop: 4 }}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {result.date}
            </Typography.Text>
            <Typography.Text type="secondary">{dayjs(result.date).format('dddd')}</Typography.Text>
            <UncertainMark certain={result.certain} />
          </Space>
        </div>
      )}
    </Card>
  );
}
