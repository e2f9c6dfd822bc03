import { Card, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { DetailPending } from '../../app/components/DetailHeader';
import { useAsync } from '../../app/hooks/useAsync';
import { usePageTitle } from '../../app/hooks/usePageTitle';
import { ArchiveHeader } from './ArchiveHeader';
import { creditApi, type Credit } from './credit.api';
import { ReasonsTab, SummaryTab } from './ReasonsTab';
import { FeedbackTab, HistoryTab, ListingsTab, RatingsTab, TimelineTab } from './TimelineTab';
import './credit.pages.i18n';

/** 信用档案: the enterprise's class and score with their reasons, its timeline, counts, class history, listings, feedback and ratings. */
export function ArchivePage() {
  const { uscc = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const archive = useAsync(() => creditApi.archive(uscc, { pageSize: 1 }), uscc);
  const loaded = useAsync(() => creditApi.credit(uscc), uscc);
  // the answer of the last change, shown at once; the history reloads after it
  const [changed, setChanged] = useState<{ credit: Credit; n: number } | null>(null);
  const credit = changed && changed.credit.uscc === uscc ? changed.credit : loaded.data;
  usePageTitle(archive.data ? t('credit.archiveTitleOf', { name: archive.data.enterprise.name }) : t('credit.archiveTitle'));

  const error = archive.error ?? loaded.error;
  if (error || !archive.data || !credit) return <DetailPending error={error} loading={archive.loading || loaded.loading} />;
  const onChanged = (next: Credit) => {
    setChanged((prev) => ({ credit: next, n: (prev?.n ?? 0) + 1 }));
    archive.reload();
  };

  const tabs = [
    { key: 'reasons', children: <ReasonsTab credit={credit} /> },
    { key: 'timeline', children: <TimelineTab uscc={uscc} /> },
    { key: 'summary', children: <SummaryTab summary={archive.data.summary} /> },
    { key: 'history', children: <HistoryTab uscc={uscc} reloadKey={changed?.n ?? 0} /> },
    { key: 'listings', children: <ListingsTab uscc={uscc} /> },
    { key: 'feedback', children: <FeedbackTab uscc={uscc} /> },
    { key: 'ratings', children: <RatingsTab uscc={uscc} /> },
  ];
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? params.get('tab')! : 'reasons';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ArchiveHeader enterprise={archive.data.enterprise} credit={credit} onChanged={onChanged} />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={tabs.map((tab) => ({ ...tab, label: t(`credit.tabs.${tab.key}`) }))}
        />
      </Card>
    </Space>
  );
}
