import { App, Alert, Button, Card, Col, DatePicker, Popconfirm, Row, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { isStale } from '../../api/client';
import { useNotifyError } from '../../app/errors';
import { useAsync } from '../../app/hooks/useAsync';
import { calendarApi } from './calendar.api';
import { NextYearHolidaysAlert } from './NextYearHolidaysAlert';
import { DayOverrideModal } from './DayOverrideModal';
import { WorkingDayCalculator } from './WorkingDayCalculator';
import { todayInChina } from '../../app/format';

export function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { can } = useAuth();
  const canWrite = can('calendar.write');
  const [year, setYear] = useState(todayInChina().year());
  const [editing, setEditing] = useState<{ day?: CalendarDay } | null>(null);

  const years = useAsync(calendarApi.years);
  const days = useAsync(() => calendarApi.days(year), year);
  const reload = () => {
    days.reload();
    years.reload();
  };

  const source = years.data?.items.find((y) => y.year === year)?.source;
  const covered = days.data?.covered ?? false;

  /** A change refused because someone else changed the calendar meanwhile shows it again as it is now. */
  const failed = (err: unknown) => {
    notifyError(err);
    if (isStale(err)) reload();
  };

  const setCovered = (value: boolean) =>
    calendarApi.setYearCovered(year, value, days.data?.coveredVersion).then(() => {
      void message.success(t('common.saved'));
      reload();
    }, failed);

  const remove = (day: CalendarDay) =>
    calendarApi.deleteDay(day.date, day.version).then(() => {
      void message.success(t('common.deleted'));
      reload();
    }, failed);

  // A manual override's version; statutory days and days without one are 0.
  const versionOf = (date: string) => days.data?.items.find((d) => d.date === date && d.source === 'manual')?.version ?? 0;

  const columns: TableColumnsType<CalendarDay> = [
    { title: t('calendar.date'), dataIndex: 'date' },
    { title: t('calendar.weekday'), key: 'weekday', render: (_, d) => dayjs(d.date).format('dddd') },
    {
      title: t('calendar.kind'),
      dataIndex: 'workingDay',
      render: (v: boolean) =>
        v ? <Tag color="blue">{t('calendar.workingDay')}</Tag> : <Tag color="red">{t('calendar.restDay')}</Tag>,
    },
    { title: t('calendar.name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
    {
      title: t('calendar.source'),
      dataIndex: 'source',
      render: (v: string) =>
        v === 'manual' ? <Tag color="gold">{t('calendar.sourceManual')}</Tag> : <Tag>{t('calendar.sourcePackage')}</Tag>,
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d: CalendarDay) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ day: d })}>
                  {t('common.edit')}
                </Button>
                {d.source === 'manual' && (
                  <Popconfirm
                    title={t('calendar.deleteConfirm')}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(d)}
                  >
                    <Button type="link" size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        {years.data && <NextYearHolidaysAlert coveredYears={years.data.items.map((y) => y.year)} />}
      </Col>
      <Col xs={24} xl={16}>
        <Card
          title={t('calendar.title')}
          extra={
            <Space>
              <span>{t('calendar.year')}</span>
              <span data-testid="calendar-year">
                <DatePicker
                  picker="year"
                  value={dayjs(`${year}-01-01`)}
                  onChange={(d) => d && setYear(d.year())}
                  allowClear={false}
                  style={{ width: 120 }}
                />
              </span>
            </Space>
          }
        >
          <Space style={{ marginBottom: 16 }} wrap>
            {days.data &&
              (covered ? (
                <Tag color="green" data-testid="calendar-covered">
                  {t('calendar.covered')}
                </Tag>
              ) : (
                <Tag color="orange" data-testid="calendar-covered">
                  {t('calendar.notCovered')}
                </Tag>
              ))}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                {t('calendar.addOverride')}
              </Button>
            )}
            {canWrite && days.data && !covered && (
              <Button onClick={() => void setCovered(true)}>{t('calendar.markCovered')}</Button>
            )}
            {canWrite && covered && source === 'manual' && (
              <Button onClick={() => void setCovered(false)}>{t('calendar.unmarkCovered')}</Button>
            )}
          </Space>
          {days.data && !covered && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('calendar.notCoveredHint')} />
          )}
          <Table<CalendarDay>
            size="small"
            rowKey="date"
            columns={columns}
            dataSource={days.data?.items ?? []}
            loading={days.loading}
            pagination={false}
            locale={{ emptyText: t('calendar.empty') }}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <WorkingDayCalculator />
      </Col>
      <DayOverrideModal state={editing} year={year} versionOf={versionOf} onClose={() => setEditing(null)} onSaved={reload} onStale={reload} />
    </Row>
  );
}
