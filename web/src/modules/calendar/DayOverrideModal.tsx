import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../api/types';
import { FormModal } from '../../app/components/FormModal';
import { calendarApi } from './calendar.api';

interface Values {
  date: Dayjs;
  workingDay: boolean;
  name?: string;
}

interface Props {
  /** null = closed; `{}` = add; `{ day }` = edit that day. */
  state: { day?: CalendarDay } | null;
  year: number;
  /** The listed version of a date's override (0: none), sent as If-Match: a day changed meanwhile is refused. */
  versionOf: (date: string) => number;
  onClose: () => void;
  onSaved: () => void;
  /** Someone else changed the day meanwhile: reload (see FormModal). */
  onStale?: () => void;
}

export function DayOverrideModal({ state, year, versionOf, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const day = state?.day;
  return (
    <FormModal<Values>
      open={!!state}
      title={day ? t('calendar.editOverride') : t('calendar.addOverride')}
      initialValues={
        day
          ? { date: dayjs(day.date), workingDay: day.workingDay, name: day.name ?? undefined }
          : { workingDay: false }
      }
      onSubmit={async (v) => {
        const name = v.name?.trim();
        const date = v.date.format('YYYY-MM-DD');
        await calendarApi.setDay(date, { workingDay: v.workingDay, ...(name ? { name } : {}) }, versionOf(date));
        onSaved();
      }}
      onClose={onClose}
      onStale={onStale}
    >
      <Form.Item
        name="date"
        label={t('calendar.date')}
        rules={[{ required: true, message: t('common.selectRequired', { field: t('calendar.date') }) }]}
      >
        <DatePicker
          disabled={!!day}
          style={{ width: '100%' }}
          defaultPickerValue={dayjs(`${year}-01-01`)}
        />
      </Form.Item>
      <Form.Item name="workingDay" label={t('calendar.isWorkingDay')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: true, label: t('calendar.workingDay') },
            { value: false, label: t('calendar.restDay') },
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label={t('calendar.name')}>
        <Input maxLength={50} />
      </Form.Item>
    </FormModal>
  );
}
