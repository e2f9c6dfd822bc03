import { Alert, App, Button, Input, Modal, Popconfirm, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../../app/errorText';
import { useNotifyError } from '../../app/errors';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { StatusTag } from '../enterprises';
import { useRegions } from '../regions';
import { enterprisePagePath, spotchecksApi, type Producer, type ProducersAdded } from './spotchecks.api';
import './spotchecks.pages.i18n';

/** The codes, rows or messages an error's details name (unknown USCCs, rejected rows), as lines to show. */
function detailLines(details: unknown): string[] {
  if (!details || typeof details !== 'object') return [];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    if (!Array.isArray(value)) continue;
    for (const v of value.slice(0, 50)) {
      if (typeof v === 'string' || typeof v === 'number') lines.push(String(v));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        lines.push([o.row !== undefined ? `#${String(o.row)}` : '', o.uscc ?? o.value ?? '', o.message ?? o.code ?? ''].filter(Boolean).join(' '));
      }
    }
    if (value.length > 50) lines.push(`… (${key}: ${value.length})`);
  }
  return lines;
}

/** What an add or an import answered: counts, or the error with the codes it names (nothing was added). */
type Answer = { ok: true; result: ProducersAdded } | { ok: false; message: string; lines: string[] };

function AnswerView({ answer }: { answer: Answer | null }) {
  const { t } = useTranslation();
  if (!answer) return null;
  if (answer.ok)
    return <Alert type="success" showIcon data-testid="producers-answer" message={t('spotchecks.producersAdded', { added: answer.result.added, already: answer.result.alreadyListed })} />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="producers-answer"
      message={answer.message}
      description={answer.lines.length ? <div style={{ maxHeight: 200, overflow: 'auto', fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>{answer.lines.join('\n')}</div> : t('spotchecks.nothingAdded')}
    />
  );
}

/** 生产企业: the product's producers in the area (the pool a lot draws from): add by USCC, import a list, remove. */
export function ProducersTab({ productId, mayEdit, onChanged }: { productId: string; mayEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const regions = useRegions();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const [usccText, setUsccText] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const list = useAsync(() => spotchecksApi.producers(productId, { q: q.trim() || undefined, ...page }), `${productId}:${q}:${page.page}:${page.pageSize}`);
  const label = (key: string) => t(`spotchecks.${key}`);

  const done = (result: ProducersAdded) => {
    setAnswer({ ok: true, result });
    list.reload();
    onChanged();
  };
  const failed = (err: unknown) => setAnswer({ ok: false, message: errorText(err, t), lines: err instanceof ApiError ? detailLines(err.details) : [] });

  const add = async () => {
    const usccs = [...new Set(usccText.split(/[\s,，;；]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))];
    if (!usccs.length) return;
    setBusy(true);
    try {
      done(await spotchecksApi.addProducers(productId, usccs));
      setUsccText('');
      setAdding(false);
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    setBusy(true);
    setAnswer(null);
    try {
      done(await spotchecksApi.importProducers(productId, file));
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (p: Producer) => {
    try {
      await spotchecksApi.removeProducer(productId, p.enterpriseId);
      void message.success(t('common.deleted'));
      list.reload();
      onChanged();
    } catch (err) {
      notifyError(err);
    }
  };

  const columns: TableColumnsType<Producer> = [
    { title: label('uscc'), dataIndex: 'uscc', className: 'zj-nowrap', render: (v: string) => <Link to={enterprisePagePath(v)} style={{ fontFamily: 'monospace' }}>{v}</Link> },
    { title: label('enterpriseName'), dataIndex: 'name' },
    { title: label('region'), dataIndex: 'regionCode', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => regions.nameOf(v) },
    { title: label('enterpriseStatus'), dataIndex: 'status', className: 'zj-nowrap', responsive: ['md'], render: (v: Producer['status']) => <StatusTag status={v} /> },
    { title: label('source'), dataIndex: 'source', className: 'zj-nowrap', responsive: ['sm'], render: (v: string) => <Tag>{t(`spotchecks.producerSources.${v}`, { defaultValue: v })}</Tag> },
    { title: label('addedAt'), dataIndex: 'addedAt', className: 'zj-nowrap', responsive: ['lg'], render: (v: string) => formatDate(v) },
    { title: label('lastSampledOn'), dataIndex: 'lastSampledOn', className: 'zj-nowrap', render: (v: string | null) => formatDate(v) },
    ...(mayEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            className: 'zj-nowrap',
            render: (_: unknown, p: Producer) => (
              <Popconfirm title={label('removeProducerConfirm')} onConfirm={() => void remove(p)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                  {label('remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="producers">
      <Space wrap>
        <Input.Search allowClear placeholder={label('qProducerHint')} onSearch={(v) => { setQ(v); setPage((p) => ({ ...p, page: 1 })); }} style={{ width: 240 }} />
        {mayEdit && (
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setAnswer(null); setAdding(true); }} data-testid="producers-add">
              {label('addByUscc')}
            </Button>
            <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(file) => { void importFile(file); return false; }}>
              <Button icon={<UploadOutlined />} loading={busy && !adding} data-testid="producers-import">
                {label('importProducers')}
              </Button>
            </Upload>
          </>
        )}
      </Space>
      {mayEdit && <Typography.Text type="secondary">{label('importHint')}</Typography.Text>}
      {!adding && <AnswerView answer={answer} />}
      <Table<Producer>
        size="small"
        rowKey="enterpriseId"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: label('noProducers') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
        }}
      />
      <Modal
        open={adding}
        title={label('addByUscc')}
        okText={label('add')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void add()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{label('addByUsccHint')}</Typography.Paragraph>
        <Input.TextArea rows={6} value={usccText} onChange={(e) => setUsccText(e.target.value)} placeholder="91330200MA2XXXXXX1" data-testid="producers-usccs" style={{ fontFamily: 'monospace' }} />
        {answer && !answer.ok && <div style={{ marginTop: 12 }}><AnswerView answer={answer} /></div>}
      </Modal>
    </Space>
  );
}
