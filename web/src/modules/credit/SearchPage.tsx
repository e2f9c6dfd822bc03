import { Card, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Enterprise } from '../../api/types';
import { useAuth } from '../../app/auth/AuthContext';
import { useAsync } from '../../app/hooks/useAsync';
import { isFullUscc } from '../../app/uscc';
import { StatusTag } from '../enterprises';
import { archivePath, creditApi } from './credit.api';
import { CreditClassTag, EnterpriseLink } from './labels';
import './credit.pages.i18n';

/** 信用档案查询: a USCC opens the archive; a name (or USCC prefix) searches the register (enterprise.read). */
export function SearchPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [page, setPage] = useState(1);
  const mayList = can('enterprise.read');
  const found = useAsync(() => (q && mayList ? creditApi.enterprises(q, page) : Promise.resolve({ items: [], total: 0 })), `${q}|${page}`);

  const onSearch = (value: string) => {
    const v = value.trim().toUpperCase();
    if (isFullUscc(v)) return navigate(archivePath(v));
    setPage(1);
    setParams(value.trim() ? { q: value.trim() } : {}, { replace: true });
  };
  const columns: TableColumnsType<Enterprise> = [
    { title: t('credit.enterprise'), dataIndex: 'name', render: (_: string, e) => <EnterpriseLink uscc={e.uscc} name={e.name} /> },
    { title: t('credit.class'), dataIndex: 'creditClass', className: 'zj-nowrap', render: (v: Enterprise['creditClass']) => <CreditClassTag value={v} /> },
    { title: t('common.status'), dataIndex: 'status', className: 'zj-nowrap', responsive: ['sm'], render: (v: Enterprise['status']) => <StatusTag status={v} /> },
    { title: t('credit.address'), dataIndex: 'address', responsive: ['md'] },
  ];
  return (
    <Card title={t('credit.searchTitle')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t(mayList ? 'credit.searchHint' : 'credit.searchHintUscc')}
        </Typography.Paragraph>
        <Input.Search
          aria-label={t('credit.searchLabel')}
          placeholder={t('credit.searchPlaceholder')}
          defaultValue={q}
          enterButton={t('common.search')}
          allowClear
          onSearch={onSearch}
          style={{ maxWidth: 560 }}
          data-testid="credit-search"
        />
        {q && mayList && (
          <Table<Enterprise>
            size="middle"
            rowKey="uscc"
            columns={columns}
            dataSource={found.data?.items ?? []}
            loading={found.loading}
            onRow={(e) => ({ onClick: () => navigate(archivePath(e.uscc)), style: { cursor: 'pointer' } })}
            pagination={{ current: page, pageSize: 10, total: found.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
          />
        )}
      </Space>
    </Card>
  );
}
