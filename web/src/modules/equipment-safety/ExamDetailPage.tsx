import { App, Button, Card, Descriptions, Form, InputNumber, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { FormModal } from '../../app/components/FormModal';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { eqApi, type ExamCandidate } from './equipmentSafety.api';
import { operatorPath, percent } from './labels';
import { useWorkItems } from './useWorkItems';
import './equipmentSafety.pages.i18n';

/** Picks an operator by name (the server's operator search). */
function OperatorPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const { data, loading } = useAsync(() => eqApi.operators({ q: q || undefined, pageSize: 20 }), q);
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={loading}
      options={(data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name} ${o.idNumber}` }))}
    />
  );
}

/** One exam session: its candidates, their theory and practical results (a pass issues or renews the certificate) and the pass rate. */
export function ExamDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const workItems = useWorkItems();
  const { data: exam, loading, error, reload } = useAsync(() => eqApi.exam(id), id);
  const list = useAsync(() => eqApi.candidates(id), id);
  const refresh = () => {
    reload();
    list.reload();
  };
  const [adding, setAdding] = useState(false);
  const [entering, setEntering] = useState<ExamCandidate | null>(null);
  if (!exam) return <DetailPending error={error} loading={loading} />;
  const writable = can('equipment.write');
  const candidates = list.data?.items ?? [];

  const columns: TableColumnsType<ExamCandidate> = [
    { title: t('eqs.opName'), dataIndex: 'operatorName', render: (v: string, c) => <Link to={operatorPath(c.operatorId)}>{v}</Link> },
    { title: t('eqs.idNumber'), dataIndex: 'idNumber', responsive: ['lg'] },
    { title: t('eqs.workItem'), dataIndex: 'workItem', render: (v: string) => workItems.nameOf(v) },
    { title: t('eqs.theoryScore'), dataIndex: 'theoryScore', render: (v: number | null) => v ?? '—' },
    { title: t('eqs.practicalScore'), dataIndex: 'practicalScore', render: (v: number | null) => v ?? '—' },
    {
      title: t('eqs.examResult'),
      dataIndex: 'passed',
      render: (v: boolean | null, c) => (v === null ? <Tag>{t('eqs.pending')}</Tag> : v ? <Tag color="green">{t('eqs.passed')}{c.certificateNo ? ` · ${c.certificateNo}` : ''}</Tag> : <Tag color="red">{t('eqs.failed')}</Tag>),
    },
    ...(writable ? [{ title: t('common.actions'), key: 'a', render: (_: unknown, c: ExamCandidate) => <Button type="link" size="small" onClick={() => setEntering(c)}>{t('eqs.enterResult')}</Button> }] : []),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader testId="exam-detail" back={{ path: '/equipment/exams', label: t('eqs.menuExams') }} title={`${formatDate(exam.heldOn)} ${exam.place}`} subtitle={exam.institutionName ?? exam.institutionUscc} />
      <Card>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'inst', label: t('eqs.institution'), children: exam.institutionName ?? exam.institutionUscc },
            { key: 'items', label: t('eqs.workItems'), children: exam.workItems.map((w) => workItems.nameOf(w)).join(t('common.listSeparator')) },
            { key: 'hours', label: t('eqs.trainingHours'), children: exam.trainingHours ?? '—' },
            { key: 'rate', label: t('eqs.passRate'), children: <span data-testid="exam-pass-rate">{percent(exam.passRate)} ({exam.passed}/{exam.decided}；{t('eqs.candidatesN', { count: exam.candidates })})</span> },
          ]}
        />
      </Card>
      <Card title={t('eqs.candidates')} size="small" extra={writable && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('eqs.candidateAdd')}</Button>}>
        <Table<ExamCandidate> size="small" rowKey="id" loading={list.loading} columns={columns} dataSource={candidates} pagination={candidates.length > 50 ? { pageSize: 50 } : false} scroll={{ x: 'max-content' }} />
      </Card>
      <FormModal<{ operatorId: string; workItem: string }>
        open={adding}
        title={t('eqs.candidateAdd')}
        initialValues={{ workItem: exam.workItems[0] }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await eqApi.addCandidate(exam.id, v);
          refresh();
        }}
      >
        <Form.Item name="operatorId" label={t('eqs.opName')} rules={[{ required: true, message: t('common.selectRequired', { field: t('eqs.opName') }) }]}>
          <OperatorPicker />
        </Form.Item>
        <Form.Item name="workItem" label={t('eqs.workItem')} rules={[{ required: true, message: t('common.selectRequired', { field: t('eqs.workItem') }) }]}>
          <Select options={exam.workItems.map((w) => ({ value: w, label: workItems.nameOf(w) }))} />
        </Form.Item>
      </FormModal>
      <FormModal<{ theoryScore: number | null; practicalScore: number | null }>
        open={!!entering}
        title={t('eqs.enterResult')}
        initialValues={{ theoryScore: entering?.theoryScore ?? null, practicalScore: entering?.practicalScore ?? null }}
        onClose={() => setEntering(null)}
        onSubmit={async (v) => {
          if (!entering) return;
          const saved = await eqApi.recordResult(exam.id, entering.id, { theoryScore: v.theoryScore ?? null, practicalScore: v.practicalScore ?? null });
          if (saved.passed) void message.success(t('eqs.passIssued'));
          refresh();
        }}
      >
        <Form.Item name="theoryScore" label={t('eqs.theoryScore')} extra={t('eqs.passMark')}>
          <InputNumber min={0} max={100} step={0.5} />
        </Form.Item>
        <Form.Item name="practicalScore" label={t('eqs.practicalScore')}>
          <InputNumber min={0} max={100} step={0.5} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
