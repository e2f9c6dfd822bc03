import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { BulletinFields, FinalSamplePicker, type BulletinValues } from './BulletinParts';
import { BulletinStatusTag, ConclusionTag, percent } from './labels';
import { bulletinsPath, samplePath, samplesApi, type Bulletin } from './spotcheckSamples.api';
import { useWrite } from './useWrite';
import './spotcheckSamples.pages.i18n';

type Row = Bulletin['samples'][number];
type SummaryRow = Bulletin['summary'][number];

/** Editing a draft: its fields and its samples. */
function EditDraft({ b, onDone }: { b: Bulletin; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BulletinValues>();
  const [ids, setIds] = useState<string[]>(b.sampleIds);
  const [open, setOpen] = useState(false);
  const { run, busy } = useWrite(onDone);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const save = async () => {
    const v = await form.validateFields();
    const ok = await run(() => samplesApi.updateBulletin(b, { title: v.title, year: v.year, quarter: v.quarter ?? null, sampleIds: ids }));
    if (ok) setOpen(false);
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="edit-bulletin">
        {label('editDraft')}
      </Button>
      <Modal open={open} title={label('editDraft')} onCancel={() => setOpen(false)} onOk={() => void save()} okButtonProps={{ loading: busy, disabled: ids.length === 0 }} width={1000} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ title: b.title, year: b.year, quarter: b.quarter }}>
          <BulletinFields />
        </Form>
        <FinalSamplePicker year={b.year} value={ids} onChange={setIds} />
      </Modal>
    </>
  );
}

/** 撤回: a reason is required. */
function Withdraw({ b, onDone }: { b: Bulletin; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { run, busy } = useWrite(onDone);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => samplesApi.withdraw(b, v.reason))) setOpen(false);
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="withdraw-bulletin">
        {label('withdraw')}
      </Button>
      <Modal open={open} title={label('withdraw')} onCancel={() => setOpen(false)} onOk={() => void submit()} okButtonProps={{ danger: true, loading: busy }} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={label('withdrawReason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * A quality bulletin: its products' summary and samples; a draft is edited and published
 * (spotcheck.approve: number and date); a published one is withdrawn with a reason; the
 * document downloads as .docx or .xlsx.
 */
export function BulletinDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const bulletin = useAsync(() => samplesApi.bulletin(id), id);
  const { run, busy } = useWrite(bulletin.reload);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  if (!bulletin.data) return <DetailPending error={bulletin.error} loading={bulletin.loading} />;
  const b = bulletin.data;
  const summary: TableColumnsType<SummaryRow> = [
    { title: label('product'), key: 'p', render: (_: unknown, s) => `${s.productCode} ${s.productName}` },
    { title: label('category'), dataIndex: 'category', responsive: ['md'], render: (v: string) => t(`spotcheckSamples.categories.${v}`) },
    { title: label('batches'), dataIndex: 'batches' },
    { title: label('passed'), dataIndex: 'passed' },
    { title: label('failed'), dataIndex: 'failed' },
    { title: label('passRate'), dataIndex: 'passRate', render: (v: number | null) => percent(v) },
  ];
  const samples: TableColumnsType<Row> = [
    { title: label('sampleNo'), dataIndex: 'sampleNo', className: 'zj-nowrap', render: (v: string, s) => <Link to={samplePath(s.id)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    { title: label('product'), key: 'p', render: (_: unknown, s) => s.productName },
    { title: label('enterprise'), dataIndex: 'enterpriseName' },
    { title: label('region'), dataIndex: 'regionName', responsive: ['md'] },
    { title: label('batchNo'), dataIndex: 'batchNo', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    { title: label('conclusion'), dataIndex: 'conclusion', className: 'zj-nowrap', render: (v: Row['conclusion']) => <ConclusionTag value={v} /> },
    { title: label('failingItems'), dataIndex: 'failingItems', render: (v: string[]) => (v.length ? v.join('、') : '—') },
    { title: label('institution'), dataIndex: 'institutionName', responsive: ['lg'] },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="bulletin-header"
        back={{ path: bulletinsPath, label: label('bulletinsTitle') }}
        title={b.title}
        tags={<BulletinStatusTag status={b.status} />}
        subtitle={[b.bulletinNo, b.quarter ? `${b.year} Q${b.quarter}` : String(b.year), b.publishedOn && `${label('publishedOn')} ${formatDate(b.publishedOn)}`].filter(Boolean).join(' · ')}
      >
        <Space wrap>
          {b.status === 'draft' && can('spotcheck.plan') && <EditDraft b={b} onDone={bulletin.reload} />}
          {b.status === 'draft' && can('spotcheck.approve') && (
            <Popconfirm title={label('publishConfirm')} onConfirm={() => void run(() => samplesApi.publish(b))}>
              <Button type="primary" loading={busy} data-testid="publish-bulletin">
                {label('publish')}
              </Button>
            </Popconfirm>
          )}
          {b.status === 'published' && can('spotcheck.approve') && <Withdraw b={b} onDone={bulletin.reload} />}
          <Button icon={<DownloadOutlined />} href={samplesApi.bulletinDocUrl(b.id, 'docx')} data-testid="download-docx">
            {label('downloadDocx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={samplesApi.bulletinDocUrl(b.id, 'xlsx')} data-testid="download-xlsx">
            {label('downloadXlsx')}
          </Button>
        </Space>
      </DetailHeader>
      {b.status === 'withdrawn' && <Alert type="warning" showIcon message={`${label('withdrawnAt')}${b.withdrawnOn ? ` ${formatDate(b.withdrawnOn)}` : ''}：${b.withdrawnReason ?? ''}`} />}
      <Card title={label('bulletinSummary')}>
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label={label('sampleCount')}>{b.sampleCount}</Descriptions.Item>
          <Descriptions.Item label={label('passed')}>{b.passed}</Descriptions.Item>
          <Descriptions.Item label={label('passRate')}>{percent(b.passRate)}</Descriptions.Item>
          <Descriptions.Item label={label('createdBy')}>{b.createdByName}</Descriptions.Item>
        </Descriptions>
        <Table<SummaryRow> size="small" rowKey="productCode" columns={summary} dataSource={b.summary} pagination={false} scroll={{ x: 'max-content' }} />
      </Card>
      <Card title={label('bulletinSamples')}>
        <Table<Row> size="small" rowKey="id" columns={samples} dataSource={b.samples} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} data-testid="bulletin-samples" />
      </Card>
    </Space>
  );
}
