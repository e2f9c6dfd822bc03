import { Empty, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EnterpriseChange, EnterpriseHistoryEntry } from '../../../api/types';
import { useAsync } from '../../../app/hooks/useAsync';
import { formatDateTime } from '../../../app/format';
import type { EnterpriseTabProps } from '../detailTabs';
import { enterprisesApi } from '../enterprises.api';
import { useChangeFormatter } from './changeValue';

function Changes({ changes }: { changes: EnterpriseChange[] }) {
  const { t } = useTranslation();
  const format = useChangeFormatter();
  const shown = format.visible(changes);
  if (!shown.length) return null;
  return (
    <Table<EnterpriseChange>
      size="small"
      bordered
      pagination={false}
      rowKey="field"
      dataSource={shown}
      style={{ marginTop: 8, maxWidth: 900 }}
      columns={[
        { title: t('enterprises.historyField'), dataIndex: 'field', width: 160, render: (f: string) => format.field(f) },
        { title: t('enterprises.historyBefore'), key: 'before', render: (_, c) => format.value(c.field, c.before) },
        { title: t('enterprises.historyAfter'), key: 'after', render: (_, c) => format.value(c.field, c.after) },
      ]}
    />
  );
}

function Entry({ entry }: { entry: EnterpriseHistoryEntry }) {
  const { t } = useTranslation();
  return (
    <div data-testid="history-entry">
      <Space wrap>
        <Typography.Text strong>{formatDateTime(entry.at)}</Typography.Text>
        <span>{entry.actorName ?? '—'}</span>
        <Tag color={entry.source === 'import' ? 'purple' : 'blue'}>{t(`enterprises.source.${entry.source}`)}</Tag>
        <span>{t(`enterprises.action.${entry.action}`)}</span>
      </Space>
      <Changes changes={entry.changes} />
    </div>
  );
}

/** The change history of an enterprise, newest first; reloaded when the enterprise changes. */
export function HistoryTab({ enterprise }: Pick<EnterpriseTabProps, 'enterprise'>) {
  const { t } = useTranslation();
  const { data, loading } = useAsync(
    () => enterprisesApi.history(enterprise.uscc),
    `${enterprise.uscc}@${enterprise.updatedAt}`,
  );
  if (!data) return <Skeleton active loading={loading} />;
  if (!data.items.length) return <Empty description={t('enterprises.historyEmpty')} />;
  return (
    <>
      <Timeline style={{ marginTop: 8 }} items={data.items.map((e) => ({ key: e.id, children: <Entry entry={e} /> }))} />
      {data.total > data.items.length && (
        <Typography.Text type="secondary">{t('enterprises.historyMore', { shown: data.items.length, total: data.total })}</Typography.Text>
      )}
    </>
  );
}
