import { Button, Form, Grid, Input, Select, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { formatDate } from '../../app/format';
import { creditApi, LISTING_STATUSES, listingPath, type ListingQuery, type ListingRow } from './credit.api';
import { EnterpriseLink, ListingStatusTag } from './labels';
import { ProposeModal } from './ProposeModal';
import './credit.pages.i18n';

const toQuery = ({ q, ...rest }: FilterValues): Partial<ListingQuery> => ({ ...(rest as Partial<ListingQuery>), q: (q as string | undefined)?.trim() });

/** 失信名单管理: every listing procedure in scope, by status; new proposals (credit.list). */
export function ListingListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<ListingRow> = [
    {
      title: t('credit.listingNo'),
      dataIndex: 'listingNo',
      className: 'zj-nowrap',
      render: (v: string, l) => (
        <Typography.Link onClick={() => navigate(listingPath(l.id))} data-testid="listing-link">
          {v}
        </Typography.Link>
      ),
    },
    { title: t('credit.enterprise'), dataIndex: 'enterpriseName', render: (v: string, l) => <EnterpriseLink uscc={l.uscc} name={v} /> },
    { title: t('common.status'), dataIndex: 'status', className: 'zj-nowrap', render: (v: ListingRow['status']) => <ListingStatusTag status={v} /> },
    { title: t('credit.source'), dataIndex: 'source', className: 'zj-nowrap', responsive: ['md'], render: (v: ListingRow['source'], l) => (l.caseNo ? `${t(`credit.sources.${v}`)} ${l.caseNo}` : t(`credit.sources.${v}`)) },
    { title: t('credit.listingReason'), dataIndex: 'reason', responsive: ['lg'], ellipsis: true },
    { title: t('credit.answerDue'), dataIndex: 'answerDue', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null) => v ?? t('common.none') },
    { title: t('credit.period'), key: 'period', className: 'zj-nowrap', responsive: ['sm'], render: (_: unknown, l) => (l.listedOn ? t('credit.periodLine', { from: l.listedOn, until: l.until ?? '' }) : t('common.none')) },
    { title: t('credit.proposedAt'), dataIndex: 'proposedAt', className: 'zj-nowrap', responsive: ['xl'], render: (v: string) => formatDate(v) },
  ];
  return (
    <>
      <ListPage<ListingRow, ListingQuery>
        title={t('credit.listingsTitle')}
        fetch={creditApi.listings}
        rowKey="id"
        columns={columns}
        toQuery={toQuery}
        tableProps={{ scroll: screens.sm ? { x: 'max-content' } : undefined }}
        toolbar={
          can('credit.list') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="listing-create">
              {t('credit.propose')}
            </Button>
          )
        }
        filters={
          <>
            <Form.Item name="q" label={t('credit.enterpriseQ')}>
              <Input allowClear style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="status" label={t('common.status')}>
              <Select allowClear style={{ width: 140 }} options={LISTING_STATUSES.map((s) => ({ value: s, label: t(`credit.listingStatuses.${s}`) }))} />
            </Form.Item>
          </>
        }
      />
      <ProposeModal open={creating} onClose={() => setCreating(false)} onSaved={(l) => navigate(listingPath(l.id))} />
    </>
  );
}
