import { Col, Descriptions, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';

function Json({ value }: { value: unknown }) {
  return (
    <pre
      style={{
        margin: 0,
        padding: 12,
        background: '#f6f8fa',
        borderRadius: 4,
        maxHeight: 320,
        overflow: 'auto',
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Expanded row of the audit table: before/after JSON and the hash chain. */
export function AuditDiff({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  return (
    <div data-testid="audit-diff">
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <Json value={event.before} />
        </Col>
        <Col span={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <Json value={event.after} />
        </Col>
      </Row>
      <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
        <Descriptions.Item label="ID">{event.id}</Descriptions.Item>
        <Descriptions.Item label={t('audit.ip')}>{event.ip ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.hash')}>
          <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {event.hash}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
