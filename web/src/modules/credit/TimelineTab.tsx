import { Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { AREAS, creditApi, listingPath, type Area, type ClassChange, type Feedback, type ListingRow, type Rating, type TimelineItem } from './credit.api';
import { CreditClassTag, ListingStatusTag, points, RatingStateTag, RefLink } from './labels';
import { PagedTable } from './PagedTable';
import './credit.pages.i18n';

const AREA_COLORS: Record<Area, string> = { licence: 'blue', inspection: 'cyan', spotcheck: 'geekblue', equipment: 'orange', complaint: 'gold', case: 'red', commitment: 'green', credit: 'purple' };

/** 时间线: every record of the enterprise, newest first, filtered by area. */
export function TimelineTab({ uscc }: { uscc: string }) {
  const { t } = useTranslation();
  const [area, setArea] = useState<Area | undefined>();
  const columns: TableColumnsType<TimelineItem & { key: string }> = [
    { title: t('credit.date'), dataIndex: 'on', className: 'zj-nowrap' },
    { title: t('credit.area'), dataIndex: 'area', className: 'zj-nowrap', render: (v: Area) => <Tag color={AREA_COLORS[v]}>{t(`credit.areas.${v}`)}</Tag> },
    { title: t('credit.event'), dataIndex: 'title' },
    { title: t('credit.record'), dataIndex: 'ref', className: 'zj-nowrap', render: (v: TimelineItem['ref']) => <RefLink value={v} /> },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="timeline-area">{t('credit.area')}</label>
        <Select<Area>
          id="timeline-area"
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          value={area}
          onChange={setArea}
          options={AREAS.map((a) => ({ value: a, label: t(`credit.areas.${a}`) }))}
        />
      </Space>
      <PagedTable
        testId="credit-timeline"
        rowKey="key"
        reloadKey={area ?? ''}
        pageSize={20}
        columns={columns}
        fetch={async (q) => {
          const a = await creditApi.archive(uscc, { ...q, area });
          return { items: a.timeline.map((i, n) => ({ ...i, key: `${i.ref.type}:${i.ref.id}:${i.kind}:${n}` })), total: a.paging.total };
        }}
      />
    </Space>
  );
}

/** 等级变化: the class history, newest first. */
export function HistoryTab({ uscc, reloadKey }: { uscc: string; reloadKey: number }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ClassChange> = [
    { title: t('credit.at'), dataIndex: 'at', className: 'zj-nowrap', render: (v: string) => formatDateTime(v) },
    { title: t('credit.fromClass'), dataIndex: 'fromClass', render: (v: ClassChange['fromClass']) => <CreditClassTag value={v} /> },
    { title: t('credit.toClass'), dataIndex: 'toClass', render: (v: ClassChange['toClass']) => <CreditClassTag value={v} /> },
    { title: t('credit.score'), dataIndex: 'score', align: 'right', render: (v: number | null) => (v === null ? t('common.none') : points(v)) },
    { title: t('credit.modelVersion'), dataIndex: 'modelVersion', render: (v: number | null) => (v === null ? t('common.none') : t('credit.versionN', { n: v })) },
    { title: t('credit.cause'), dataIndex: 'cause', render: (v: ClassChange['cause']) => t(`credit.causes.${v}`) },
  ];
  return <PagedTable testId="credit-history" rowKey="id" reloadKey={reloadKey} columns={columns} fetch={(q) => creditApi.history(uscc, q)} />;
}

/** 失信名单: the enterprise's listing procedures. */
export function ListingsTab({ uscc }: { uscc: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ListingRow> = [
    { title: t('credit.listingNo'), dataIndex: 'listingNo', className: 'zj-nowrap', render: (v: string, l) => <Link to={listingPath(l.id)}>{v}</Link> },
    { title: t('common.status'), dataIndex: 'status', render: (v: ListingRow['status']) => <ListingStatusTag status={v} /> },
    { title: t('credit.listingReason'), dataIndex: 'reason' },
    { title: t('credit.listedOn'), dataIndex: 'listedOn', className: 'zj-nowrap', render: (v: string | null) => v ?? t('common.none') },
    { title: t('credit.until'), dataIndex: 'until', className: 'zj-nowrap', render: (v: string | null) => v ?? t('common.none') },
  ];
  return <PagedTable testId="credit-listings" rowKey="id" columns={columns} fetch={(q) => creditApi.listings({ ...q, q: uscc })} />;
}

/** 部门反馈: what other departments did with the restrictions. */
export function FeedbackTab({ uscc }: { uscc: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Feedback> = [
    { title: t('credit.actedOn'), dataIndex: 'actedOn', className: 'zj-nowrap' },
    { title: t('credit.department'), dataIndex: 'orgName' },
    { title: t('credit.restriction'), dataIndex: 'restriction', render: (v: Feedback['restriction']) => t(`credit.restrictions.${v}`) },
    { title: t('credit.action'), dataIndex: 'action', render: (v: Feedback['action']) => <Tag color={v === 'applied' ? 'red' : 'default'}>{t(`credit.actions.${v}`)}</Tag> },
    { title: t('credit.matter'), dataIndex: 'matter' },
    { title: t('credit.note'), dataIndex: 'note', render: (v: string | null) => v ?? t('common.none') },
  ];
  return <PagedTable testId="credit-feedback" rowKey="id" columns={columns} fetch={(q) => creditApi.feedback({ ...q, uscc })} />;
}

/** 第三方评价: the evaluators' ratings of the enterprise. */
export function RatingsTab({ uscc }: { uscc: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Rating> = [
    { title: t('credit.evaluator'), dataIndex: 'evaluatorName' },
    { title: t('credit.grade'), dataIndex: 'grade', render: (v: string) => <Tag color="blue">{v}</Tag> },
    { title: t('credit.ratedOn'), dataIndex: 'ratedOn', className: 'zj-nowrap' },
    { title: t('credit.validUntil'), dataIndex: 'validUntil', className: 'zj-nowrap' },
    { title: t('credit.reportNo'), dataIndex: 'reportNo', className: 'zj-nowrap' },
    { title: t('common.status'), dataIndex: 'state', render: (v: Rating['state']) => <RatingStateTag state={v} /> },
  ];
  return <PagedTable testId="credit-ratings" rowKey="id" columns={columns} fetch={(q) => creditApi.ratings({ ...q, uscc })} />;
}
