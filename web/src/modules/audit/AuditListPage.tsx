import { Alert, Button, DatePicker, Form, Input, type TableColumnsType } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, AuditQuery, AuditVerifyResult } from '../../api/types';
import { useNotifyError } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { auditApi } from './audit.api';
import { AuditDiff } from './AuditDiff';

function toQuery({ range, ...rest }: FilterValues): Partial<AuditQuery> {
  const [from, to] = (range as [Dayjs | null, Dayjs | null] | undefined) ?? [];
  return { ...(rest as Partial<AuditQuery>), from: from?.toISOString(), to: to?.toISOString() };
}

/** The anchors part of GET /api/audit/verify's answer. */
interface VerifyAnchors {
  checked: number;
  latest: { lastId: string; at: string } | null;
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  // Older servers answered without anchors.
  const { anchors } = result as AuditVerifyResult & { anchors?: VerifyAnchors };
  const description = anchors?.latest
    ? t('audit.verifyAnchor', { id: anchors.latest.lastId, at: formatDateTime(anchors.latest.at), count: anchors.checked })
    : anchors && t('audit.verifyNoAnchor');
  const reason = result.firstBroken?.reason ?? '';
  return result.ok ? (
    <Alert
      type="success"
      showIcon
      data-testid="audit-verify-result"
      style={{ marginBottom: 16 }}
      message={t('audit.verifyOk', { count: result.checked })}
      description={description}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verify-result"
      style={{ marginBottom: 16 }}
      message={t('audit.verifyBroken', {
        id: result.firstBroken?.id ?? '?',
        reason: t(`audit.reasons.${reason}`, { defaultValue: reason }),
        count: result.checked,
      })}
      description={description}
    />
  );
}

export function AuditListPage() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<AuditVerifyResult | null>(null);

  const verify = () => {
    setVerifying(true);
    auditApi
      .verify()
      .then(setVerified, notifyError)
      .finally(() => setVerifying(false));
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.time'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null, e) => v ?? e.actorId ?? '—' },
    { title: t('audit.org'), dataIndex: 'orgName', render: (v: string | null, e) => v ?? e.orgId ?? '—' },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <code>{v}</code> },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_, e) => (e.targetType || e.targetId ? `${e.targetType ?? ''} ${e.targetId ?? ''}`.trim() : '—'),
    },
  ];

  return (
    <ListPage<AuditEvent, AuditQuery>
      title={t('audit.title')}
      fetch={auditApi.list}
      rowKey="id"
      columns={columns}
      toQuery={toQuery}
      toolbar={
        <Button icon={<SafetyOutlined />} loading={verifying} onClick={verify}>
          {t('audit.verify')}
        </Button>
      }
      banner={verified && <VerifyResult result={verified} />}
      tableProps={{ expandable: { expandedRowRender: (e) => <AuditDiff event={e} /> } }}
      filters={
        <>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')} tooltip={t('audit.actionHint')}>
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="target" label={t('audit.target')} tooltip={t('audit.targetHint')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="range" label={t('audit.range')}>
            <DatePicker.RangePicker showTime />
          </Form.Item>
        </>
      }
    />
  );
}
