import { Button, DatePicker, Form, Input, InputNumber, Select, Space, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { formatDate, isAfterToday, todayInChina } from '../../app/format';
import { ListPage } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import { eqApi, type HazardLevel, type HazardRow, type HazardSource } from './equipmentSafety.api';
import { HazardLevelTag, HazardStateTag, hazardPath, useHazardOptions } from './labels';
import './equipmentSafety.pages.i18n';

interface HazardValues {
  userUscc: string;
  equipmentId?: string;
  source: HazardSource;
  foundOn: Dayjs;
  description: string;
  level: HazardLevel;
  correctionDueOn: Dayjs;
}

/** The state filter as the server's filters: open → status=open, overdue → overdue=true, corrected → status=closed. */
export const hazardQuery = ({ state, ...rest }: Record<string, unknown>) => ({
  ...rest,
  ...(state === 'open' ? { status: 'open' } : state === 'corrected' ? { status: 'closed' } : state === 'overdue' ? { overdue: true } : {}),
});

/** 隐患: every hazard in the user's scope, filtered by source, level, open/overdue, region and year. */
export function HazardListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const options = useHazardOptions();
  const regions = useRegions();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<HazardRow> = [
    { title: t('eqs.foundOn'), dataIndex: 'foundOn', render: (v: string, h) => <Link to={hazardPath(h.id)}>{formatDate(v)}</Link> },
    { title: t('common.status'), key: 'state', render: (_, h) => <HazardStateTag hazard={h} /> },
    { title: t('eqs.description'), dataIndex: 'description', ellipsis: true },
    { title: t('eqs.userName'), dataIndex: 'userName', render: (v: string | null | undefined, h) => v ?? h.userUscc, responsive: ['md'] },
    { title: t('eqs.sourceLabel'), dataIndex: 'source', render: (v: HazardSource) => t(`eqs.source.${v}`), responsive: ['lg'] },
    { title: t('eqs.levelLabel'), dataIndex: 'level', render: (v: HazardLevel) => <HazardLevelTag level={v} /> },
    { title: t('eqs.correctionDueOn'), dataIndex: 'correctionDueOn', render: (v: string) => formatDate(v), responsive: ['md'] },
  ];

  return (
    <>
      <ListPage<HazardRow, Record<string, unknown>>
        title={t('eqs.menuHazards')}
        fetch={eqApi.hazards}
        columns={columns}
        rowKey="id"
        toQuery={hazardQuery}
        tableProps={{ scroll: { x: 'max-content' } }}
        filters={
          <>
            <Form.Item name="source" label={t('eqs.sourceLabel')}>
              <Select allowClear options={options.sources} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="level" label={t('eqs.levelLabel')}>
              <Select allowClear options={options.levels} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="state" label={t('common.status')}>
              <Select allowClear options={options.states} style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('eqs.region')}>
              <Select allowClear showSearch optionFilterProp="label" options={regions.options} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="year" label={t('eqs.year')}>
              <InputNumber min={2000} max={2100} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="userUscc" label={t('eqs.userUscc')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
          </>
        }
        toolbar={
          <Space wrap>
            <Button onClick={() => navigate('/equipment/self-correction')}>{t('eqs.menuSelfCorrection')}</Button>
            {can('equipment.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('eqs.hazardCreate')}
              </Button>
            )}
          </Space>
        }
      />
      <FormModal<HazardValues>
        open={creating}
        title={t('eqs.hazardCreate')}
        initialValues={{ source: 'supervision', level: 'general', foundOn: todayInChina() }}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const saved = await eqApi.createHazard({
            userUscc: v.userUscc.trim().toUpperCase(),
            ...(v.equipmentId?.trim() ? { equipmentId: v.equipmentId.trim() } : {}),
            source: v.source,
            foundOn: v.foundOn.format('YYYY-MM-DD'),
            description: v.description.trim(),
            level: v.level,
            correctionDueOn: v.correctionDueOn.format('YYYY-MM-DD'),
          });
          navigate(hazardPath(saved.id));
        }}
      >
        <HazardFields staff />
      </FormModal>
    </>
  );
}

/** The fields of a hazard: (staff) user unit, unit id and source; description, level, found on, deadline. */
export function HazardFields({ staff = false, units }: { staff?: boolean; units?: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const options = useHazardOptions();
  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <>
      {staff && (
        <>
          <Form.Item name="userUscc" label={t('eqs.userUscc')} rules={[...req(t('eqs.userUscc')), { len: 18, message: t('eqs.usccFormat') }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="source" label={t('eqs.sourceLabel')} rules={req(t('eqs.sourceLabel'))}>
            <Select options={options.sources} />
          </Form.Item>
        </>
      )}
      {units ? (
        <Form.Item name="equipmentId" label={t('eqs.unit')} extra={t('eqs.unitOptional')}>
          <Select allowClear showSearch optionFilterProp="label" options={units} />
        </Form.Item>
      ) : (
        staff && (
          <Form.Item name="equipmentId" label={t('eqs.unitId')} extra={t('eqs.unitOptional')}>
            <Input />
          </Form.Item>
        )
      )}
      <Form.Item name="description" label={t('eqs.description')} rules={[...req(t('eqs.description')), { whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="level" label={t('eqs.levelLabel')} rules={req(t('eqs.levelLabel'))}>
        <Select options={options.levels} />
      </Form.Item>
      {staff && (
        <Form.Item name="foundOn" label={t('eqs.foundOn')} rules={req(t('eqs.foundOn'))}>
          <DatePicker disabledDate={isAfterToday} style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="correctionDueOn" label={t('eqs.correctionDueOn')} rules={req(t('eqs.correctionDueOn'))}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(todayInChina(), 'day')} />
      </Form.Item>
    </>
  );
}
