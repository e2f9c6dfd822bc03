import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Modal, Select, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate, todayInChina } from '../../app/format';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { BulletinFields, FinalSamplePicker, type BulletinValues } from './BulletinParts';
import { BulletinStatusTag, percent } from './labels';
import { BULLETIN_STATUSES, bulletinPath, samplesApi, type BulletinQuery, type BulletinRow } from './spotcheckSamples.api';
import { useWrite } from './useWrite';
import './spotcheckSamples.pages.i18n';

/** 新建质量公告: title, year, quarter and the final samples it publishes. */
function CreateBulletinModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<BulletinValues>();
  const [ids, setIds] = useState<string[]>([]);
  const { run, busy } = useWrite(() => undefined);
  const year = todayInChina().year();
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      () => samplesApi.createBulletin({ title: v.title, year: v.year, quarter: v.quarter ?? null, sampleIds: ids }),
      (b) => navigate(bulletinPath(b.id)),
    );
  };
  return (
    <Modal open={open} title={label('newBulletin')} onCancel={onClose} onOk={() => void submit()} okButtonProps={{ loading: busy, disabled: ids.length === 0 }} width={1000} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ year, title: t('spotcheckSamples.defaultTitle', { year }) }}>
        <BulletinFields />
      </Form>
      <FinalSamplePicker year={year} value={ids} onChange={setIds} />
    </Modal>
  );
}

/** 质量公告: drafts, published and withdrawn bulletins by year and status. */
export function BulletinListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const label = (key: string) => t(`spotcheckSamples.${key}`);
  const columns: TableColumnsType<BulletinRow> = [
    { title: label('bulletinNo'), dataIndex: 'bulletinNo', className: 'zj-nowrap', render: (v: string | null) => v ?? <Typography.Text type="secondary">{label('noNumberYet')}</Typography.Text> },
    { title: label('bulletinTitle'), dataIndex: 'title' },
    { title: label('year'), key: 'year', className: 'zj-nowrap', render: (_: unknown, b) => (b.quarter ? `${b.year} Q${b.quarter}` : b.year) },
    { title: label('sampleCount'), dataIndex: 'sampleCount', className: 'zj-nowrap' },
    { title: label('passRate'), dataIndex: 'passRate', className: 'zj-nowrap', render: (v: number | null) => percent(v) },
    { title: label('status'), dataIndex: 'status', className: 'zj-nowrap', render: (_: unknown, b) => <BulletinStatusTag status={b.status} /> },
    { title: label('publishedOn'), dataIndex: 'publishedOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null) => formatDate(v) },
  ];
  return (
    <>
      <ListPage<BulletinRow, BulletinQuery>
        title={label('bulletinsTitle')}
        fetch={samplesApi.bulletins}
        rowKey="id"
        columns={columns}
        toQuery={(v: FilterValues) => v as Partial<BulletinQuery>}
        tableProps={{ scroll: { x: 'max-content' }, onRow: (b) => ({ onClick: () => navigate(bulletinPath(b.id)), style: { cursor: 'pointer' } }) }}
        toolbar={
          can('spotcheck.plan') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-bulletin">
              {label('newBulletin')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="year" label={label('year')}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="status" label={label('status')}>
              <Select allowClear style={{ width: 120 }} options={BULLETIN_STATUSES.map((s) => ({ value: s, label: t(`spotcheckSamples.bulletinStatuses.${s}`) }))} />
            </Form.Item>
          </>
        }
      />
      <CreateBulletinModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
