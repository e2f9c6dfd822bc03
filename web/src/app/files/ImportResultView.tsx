import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportRejection, ImportResult } from '../../api/types';
import type { ImportMode } from './files.api';

/** Counts of an import and the table of rejected rows. */
export function ImportResultView({ result, mode }: { result: ImportResult; mode: ImportMode }) {
  const { t } = useTranslation();
  const rejected = result.rejected.length;
  const nothingWritten = mode === 'all-or-nothing' && rejected > 0;
  const counts = [
    ['imported', result.imported],
    ['updated', result.updated],
    ['unchanged', result.unchanged],
    ['rejected', rejected],
  ] as const;

  return (
    <Card size="small" title={t('files.result')} data-testid="import-result">
      {nothingWritten && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('files.nothingWritten')} />
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {counts.map(([key, value]) => (
          <Col key={key} span={6}>
            <div data-testid={`import-count-${key}`}>
              <Statistic
                title={t(`files.count.${key}`)}
                value={value}
                valueStyle={key === 'rejected' && value ? { color: '#cf1322' } : undefined}
              />
            </div>
          </Col>
        ))}
      </Row>
      {rejected > 0 && (
        <Table<ImportRejection>
          size="small"
          data-testid="import-rejected"
          rowKey={(r) => `${r.row}:${r.column ?? ''}:${r.code}`}
          dataSource={result.rejected}
          pagination={{ defaultPageSize: 10, showSizeChanger: true, showTotal: (total) => t('common.total', { count: total }) }}
          columns={[
            { title: t('files.rejectRow'), dataIndex: 'row', width: 80 },
            { title: t('files.rejectColumn'), dataIndex: 'column', width: 160, render: (v: string) => v || '—' },
            { title: t('files.rejectCode'), dataIndex: 'code', width: 180, render: (v: string) => <code>{v}</code> },
            { title: t('files.rejectMessage'), dataIndex: 'message' },
          ]}
        />
      )}
    </Card>
  );
}
