import { Card, Descriptions, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import type { Conclusion, PublicResult } from './spotchecksPublic.api';

/** 合格 / 不合格 as a tag with its word (never colour alone). */
export function ConclusionTag({ value }: { value: Conclusion | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return <span>—</span>;
  return (
    <Tag color={value === 'pass' ? 'green' : 'red'} style={{ marginInlineEnd: 0 }} data-testid="conclusion">
      {t(`scPublic.conclusion.${value}`)}
    </Tag>
  );
}

/** The marker of a failure announced as not corrected (产品质量法 §17). */
export function NotCorrectedMark() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('scPublic.results.notCorrectedHint')}>
      <Tag color="volcano" icon={<WarningOutlined />} data-testid="not-corrected" tabIndex={0}>
        {t('scPublic.results.notCorrected')}
      </Tag>
    </Tooltip>
  );
}

const Mono = ({ children }: { children: string }) => <span style={{ fontFamily: 'monospace' }}>{children}</span>;

/** One published result as a card (phones). */
export function ResultCard({ item, showBulletin = true }: { item: PublicResult; showBulletin?: boolean }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`scPublic.results.${key}`);
  return (
    <Card size="small" style={{ width: '100%' }} data-testid="public-result" role="article" aria-label={`${item.productName} ${item.enterpriseName}`}>
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {item.productName}
          </Typography.Text>
          <Space size={4} wrap>
            <ConclusionTag value={item.conclusion} />
            {item.followup === 'not_corrected_notice' && <NotCorrectedMark />}
          </Space>
        </Flex>
        <Descriptions
          size="small"
          column={1}
          colon={false}
          items={[
            { key: 'enterprise', label: label('enterprise'), children: item.enterpriseName },
            { key: 'uscc', label: t('scPublic.uscc'), children: <Mono>{item.uscc}</Mono> },
            { key: 'region', label: label('region'), children: item.regionName },
            { key: 'batch', label: label('batchNo'), children: item.batchNo ?? '—' },
            ...(item.productionDate ? [{ key: 'pd', label: label('productionDate'), children: formatDate(item.productionDate) }] : []),
            ...(item.specification ? [{ key: 'spec', label: label('specification'), children: item.specification }] : []),
            ...(item.failingItems.length ? [{ key: 'failing', label: label('failingItems'), children: <Typography.Text type="danger">{item.failingItems.join('、')}</Typography.Text> }] : []),
            { key: 'inst', label: label('institution'), children: item.institutionName },
            ...(showBulletin
              ? [{ key: 'bulletin', label: label('bulletin'), children: <span><Mono>{item.bulletinNo}</Mono> · {formatDate(item.publishedOn)}</span> }]
              : []),
          ]}
        />
      </Space>
    </Card>
  );
}

/** Published results as a table (wide screens): product, enterprise, batch, conclusion, failing items, institution, bulletin. */
export function ResultTable({ items, showBulletin = true, loading, pagination }: { items: PublicResult[]; showBulletin?: boolean; loading?: boolean; pagination?: Parameters<typeof Table<PublicResult>>[0]['pagination'] }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`scPublic.results.${key}`);
  return (
    <Table<PublicResult>
      data-testid="public-results-table"
      size="small"
      rowKey={(r) => `${r.bulletinNo}|${r.sampleNo}`}
      loading={loading}
      dataSource={items}
      pagination={pagination ?? false}
      locale={{ emptyText: label('empty') }}
      scroll={{ x: 900 }}
      columns={[
        {
          key: 'product',
          title: label('product'),
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <span>{r.productName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[r.specification, r.productCode].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: 'enterprise',
          title: label('enterprise'),
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <span>{r.enterpriseName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                {r.uscc}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.regionName}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: 'batch',
          title: label('batchNo'),
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <span>{r.batchNo ?? '—'}</span>
              {r.productionDate && (
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {formatDate(r.productionDate)}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          key: 'conclusion',
          title: t('scPublic.my.conclusion'),
          width: 120,
          render: (_, r) => (
            <Space direction="vertical" size={4}>
              <ConclusionTag value={r.conclusion} />
              {r.followup === 'not_corrected_notice' && <NotCorrectedMark />}
            </Space>
          ),
        },
        { key: 'failing', title: label('failingItems'), render: (_, r) => (r.failingItems.length ? <Typography.Text type="danger">{r.failingItems.join('、')}</Typography.Text> : '—') },
        { key: 'inst', title: label('institution'), dataIndex: 'institutionName' },
        ...(showBulletin
          ? [
              {
                key: 'bulletin',
                title: label('bulletin'),
                render: (_: unknown, r: PublicResult) => (
                  <Space direction="vertical" size={0}>
                    <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{r.bulletinNo}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {formatDate(r.publishedOn)}
                    </Typography.Text>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
