import { Alert, Button, Modal, Skeleton, Space, Table, Typography, type TableColumnsType } from 'antd';
import { AuditOutlined, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDrawLabels } from '../labels';
import { fetchRecordJson, saveText, verifyInBrowser, type AuditRecord, type VerifyResult } from './drawRecord';
import { VerifyOutcome } from './VerifyOutcome';
import '../draws.pages.i18n';

interface LabelRow {
  label: string;
  className: string;
  n: number;
  k: number;
  keys: number | null;
}

/**
 * 审计记录 (permission draw.audit): the auditors' record of a draw — the class behind each stratum
 * label, every candidate's key, the blind secret — to download, or to verify in this browser
 * (blinding included), against the draw's commit statement.
 */
export function AuditRecordButton({ drawId, statement }: { drawId: string; statement: string | null }) {
  const { t } = useTranslation();
  const labels = useDrawLabels();
  const label = (key: string) => t(`draws.ceremony.${key}`);
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<{ text: string; record: AuditRecord } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);

  const load = async () => {
    setOpen(true);
    setResult(null);
    setError(null);
    try {
      const { text, record } = await fetchRecordJson(`/api/draws/${encodeURIComponent(drawId)}/audit-record`);
      setLoaded({ text, record: record as AuditRecord });
    } catch (err) {
      setError(t('draws.public.fetchFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  const verify = async () => {
    if (!loaded) return;
    setVerifying(true);
    try {
      setResult(await verifyInBrowser(loaded.record, statement ?? undefined));
    } finally {
      setVerifying(false);
    }
  };

  const rows: LabelRow[] = (loaded?.record.strata ?? []).map((s) => ({
    label: s.name,
    className: loaded?.record.labels?.[s.name] ?? '—',
    n: s.n ?? s.candidates.length,
    k: s.k,
    keys: s.keys?.length ?? null,
  }));
  const columns: TableColumnsType<LabelRow> = [
    { title: label('stratumLabel'), dataIndex: 'label', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: label('stratum'), dataIndex: 'className', render: (v: string) => (v === '—' ? v : labels.stratum(v)) },
    { title: label('n'), dataIndex: 'n', align: 'right' },
    { title: label('k'), dataIndex: 'k', align: 'right' },
    { title: label('auditKeys'), dataIndex: 'keys', align: 'right', render: (v: number | null) => v ?? '—' },
  ];

  return (
    <>
      <Button icon={<AuditOutlined />} onClick={() => void load()}>
        {label('auditRecord')}
      </Button>
      <Modal open={open} title={label('auditTitle')} width={860} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="audit-record">
          <Alert type="warning" showIcon message={label('auditHint')} />
          {error && <Alert type="error" showIcon message={error} />}
          {!loaded && !error && <Skeleton active />}
          {loaded && (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {label('auditLabels')}
              </Typography.Title>
              <Table<LabelRow> data-testid="audit-labels" size="small" rowKey="label" columns={columns} dataSource={rows} pagination={false} />
              <Space wrap>
                <Button icon={<DownloadOutlined />} onClick={() => saveText(loaded.text, `draw-${drawId}-audit.json`)}>
                  {label('auditDownload')}
                </Button>
                <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
                  {label('auditVerify')}
                </Button>
              </Space>
              {result && <VerifyOutcome result={result} statementGiven={!!statement} />}
            </>
          )}
        </Space>
      </Modal>
    </>
  );
}
