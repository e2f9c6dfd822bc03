import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { portalPublicApi, type OpenDataFile } from './portal.api';
import { PortalFrame } from './PortalFrame';
import { Box, Facts, linkStyle, Message, mutedText, PlainTable, useWide, Intro, PublicError, Stack } from './ui';

/** A size in bytes as B, KB or MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const Sha = ({ value }: { value: string }) => <code style={{ fontSize: 12, wordBreak: 'break-all' }}>{value}</code>;

/** 开放数据: the daily CSV files of the public record (the last 30 days) with size, rows, SHA-256 and a download link. No sign-in. */
export function OpenDataPage() {
  const { t } = useTranslation();
  const wide = useWide();
  const result = useAsync(() => portalPublicApi.openData());
  const label = (key: string) => t(`portal.openData.${key}`);
  const items = result.data?.items ?? [];
  const download = (f: OpenDataFile) => (
    <a href={f.url} download style={linkStyle} data-testid="open-data-download">
      {label('download')} {f.day}.csv
    </a>
  );
  const rows = (f: OpenDataFile) => f.rows.toLocaleString('zh-CN');
  return (
    <PortalFrame title={label('title')} testId="public-open-data" width={980}>
      <Stack>
        <Intro>{label('intro')}</Intro>
        {result.error ? <PublicError error={result.error} /> : null}
        {result.loading && <Message>{t('portal.loading')}</Message>}
        {result.data && items.length === 0 && <Message>{label('empty')}</Message>}
        {items.length > 0 &&
          (wide ? (
            <PlainTable<OpenDataFile>
              rows={items}
              rowKey={(f) => f.day}
              columns={[
                { key: 'day', title: label('day'), render: (f) => formatDate(f.day), width: 110 },
                { key: 'rows', title: label('rows'), render: rows, align: 'right', width: 100 },
                { key: 'size', title: label('size'), render: (f) => fileSize(f.bytes), align: 'right', width: 100 },
                { key: 'sha', title: 'SHA-256', render: (f) => <Sha value={f.sha256} /> },
                { key: 'file', title: label('file'), render: download, width: 190 },
              ]}
            />
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
              {items.map((f) => (
                <li key={f.day}>
                  <Box>
                    {download(f)}
                    <Facts
                      items={[
                        { key: 'rows', label: label('rows'), value: rows(f) },
                        { key: 'size', label: label('size'), value: fileSize(f.bytes) },
                        { key: 'sha', label: 'SHA-256', value: <Sha value={f.sha256} /> },
                      ]}
                    />
                  </Box>
                </li>
              ))}
            </ul>
          ))}
        <p style={{ ...mutedText, margin: 0, fontSize: 13 }}>{label('columns')}</p>
      </Stack>
    </PortalFrame>
  );
}
