import { List, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { portalPublicApi, type OpenDataFile } from './portal.api';
import { Intro, PortalFrame, PublicError, useWide } from './PortalFrame';

/** A size in bytes as B, KB or MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const Sha = ({ value }: { value: string }) => (
  <Typography.Text copyable={{ text: value }} style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
    {value}
  </Typography.Text>
);

/** 开放数据: the daily CSV files of the public record (the last 30 days) with size, rows, SHA-256 and a download link. No sign-in. */
export function OpenDataPage() {
  const { t } = useTranslation();
  const wide = useWide();
  const result = useAsync(() => portalPublicApi.openData());
  const label = (key: string) => t(`portal.openData.${key}`);
  const items = result.data?.items ?? [];
  const download = (f: OpenDataFile) => (
    <a href={f.url} download data-testid="open-data-download">
      {label('download')} {f.day}.csv
    </a>
  );
  return (
    <PortalFrame title={label('title')} testId="public-open-data" width={980}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Intro>{label('intro')}</Intro>
        {result.error ? <PublicError error={result.error} /> : null}
        {wide ? (
          <Table<OpenDataFile>
            size="small"
            rowKey="day"
            dataSource={items}
            loading={result.loading}
            pagination={false}
            locale={{ emptyText: label('empty') }}
            columns={[
              { key: 'day', title: label('day'), dataIndex: 'day', render: (v: string) => formatDate(v), width: 110 },
              { key: 'rows', title: label('rows'), dataIndex: 'rows', align: 'right', width: 100, render: (v: number) => v.toLocaleString('zh-CN') },
              { key: 'size', title: label('size'), dataIndex: 'bytes', align: 'right', width: 100, render: (v: number) => fileSize(v) },
              { key: 'sha', title: 'SHA-256', dataIndex: 'sha256', render: (v: string) => <Sha value={v} /> },
              { key: 'file', title: label('file'), render: (_, f) => download(f), width: 200 },
            ]}
          />
        ) : (
          <List<OpenDataFile>
            rowKey="day"
            dataSource={items}
            loading={result.loading}
            locale={{ emptyText: label('empty') }}
            renderItem={(f) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  {download(f)}
                  <Typography.Text type="secondary">
                    {label('rows')} {f.rows.toLocaleString('zh-CN')} · {label('size')} {fileSize(f.bytes)}
                  </Typography.Text>
                  <Sha value={f.sha256} />
                </Space>
              </List.Item>
            )}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
          {label('columns')}
        </Typography.Paragraph>
      </Space>
    </PortalFrame>
  );
}
