import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { formatDate, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { ListPage } from '../../app/list/ListPage';
import { eqApi, type ExamSession, type ExamStats } from './equipmentSafety.api';
import { percent } from './labels';
import { useWorkItems } from './useWorkItems';
import './equipmentSafety.pages.i18n';

interface Values {
  heldOn: Dayjs;
  place: string;
  institutionUscc: string;
  workItems: string[];
  trainingHours?: number;
}

export const examPath = (id: string) => `/equipment/exams/${encodeURIComponent(id)}`;

/** 考试与培训: exam sessions, and the pass rate of each exam institution. */
export function ExamListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const workItems = useWorkItems();
  const [creating, setCreating] = useState(false);
  const [year, setYear] = useState(todayInChina().year());
  const stats = useAsync(() => eqApi.examStats(year), year);

  const columns: TableColumnsType<ExamSession> = [
    { title: t('eqs.heldOn'), dataIndex: 'heldOn', render: (v: string, s) => <Link to={examPath(s.id)}>{formatDate(v)}</Link> },
    { title: t('eqs.place'), dataIndex: 'place' },
    { title: t('eqs.institution'), dataIndex: 'institutionName', render: (v: string | null | undefined, s) => v ?? s.institutionUscc, responsive: ['md'] },
    { title: t('eqs.workItems'), dataIndex: 'workItems', render: (v: string[]) => v.map((w) => workItems.nameOf(w)).join(t('common.listSeparator')), responsive: ['lg'] },
    { title: t('eqs.candidates'), dataIndex: 'candidates' },
    { title: t('eqs.passRate'), dataIndex: 'passRate', render: (v: number | null, s) => `${percent(v)}（${s.passed}/${s.decided}）` },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ListPage<ExamSession, Record<string, unknown>>
        title={t('eqs.menuExams')}
        fetch={eqApi.exams}
        columns={columns}
        rowKey="id"
        tableProps={{ scroll: { x: 'max-content' } }}
        filters={
          <>
            <Form.Item name="institutionUscc" label={t('eqs.institutionUscc')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="year" label={t('eqs.year')}>
              <InputNumber min={2000} max={2100} style={{ width: 100 }} />
            </Form.Item>
          </>
        }
        toolbar={
          can('equipment.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('eqs.examCreate')}
            </Button>
          )
        }
      />
      <Card
        title={t('eqs.passRateByInstitution')}
        size="small"
        extra={<InputNumber aria-label={t('eqs.year')} addonBefore={t('eqs.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 150 }} />}
      >
        {stats.data && (
          <Typography.Paragraph data-testid="exam-total-rate">
            {t('eqs.passRateTotal', { rate: percent(stats.data.total.passRate), passed: stats.data.total.passed, decided: stats.data.total.decided })}
          </Typography.Paragraph>
        )}
        <Table<ExamStats['institutions'][number]>
          size="small"
          rowKey="institutionUscc"
          loading={stats.loading}
          dataSource={stats.data?.institutions ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('eqs.institution'), dataIndex: 'institutionName', render: (v: string | null | undefined, r) => v ?? r.institutionUscc },
            { title: t('eqs.sessions'), dataIndex: 'sessions' },
            { title: t('eqs.candidates'), dataIndex: 'candidates' },
            { title: t('eqs.passedCount'), dataIndex: 'passed' },
            { title: t('eqs.passRate'), dataIndex: 'passRate', render: (v: number | null) => percent(v) },
          ]}
        />
      </Card>
      <FormModal<Values>
        open={creating}
        title={t('eqs.examCreate')}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const saved = await eqApi.createExam({ heldOn: v.heldOn.format('YYYY-MM-DD'), place: v.place.trim(), institutionUscc: v.institutionUscc.trim().toUpperCase(), workItems: v.workItems, ...(v.trainingHours ? { trainingHours: v.trainingHours } : {}) });
          navigate(examPath(saved.id));
        }}
      >
        <Form.Item name="heldOn" label={t('eqs.heldOn')} rules={[{ required: true, message: t('common.required', { field: t('eqs.heldOn') }) }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="place" label={t('eqs.place')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('eqs.place') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="institutionUscc" label={t('eqs.institutionUscc')} rules={[{ required: true, message: t('common.required', { field: t('eqs.institutionUscc') }) }, { len: 18, message: t('eqs.usccFormat') }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="workItems" label={t('eqs.workItems')} rules={[{ required: true, type: 'array', min: 1, message: t('common.selectRequired', { field: t('eqs.workItems') }) }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={workItems.options} />
        </Form.Item>
        <Form.Item name="trainingHours" label={t('eqs.trainingHours')}>
          <InputNumber min={1} max={1000} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
