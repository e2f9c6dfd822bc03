import { Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAsync } from '../../app/hooks/useAsync';
import { eqApi, type Coverage } from './equipmentSafety.api';
import { RateFigure, unitPath } from './labels';
import { useWorkItems } from './useWorkItems';
import './equipmentSafety.pages.i18n';

/** 持证上岗率 of one user unit: its units that need a certified operator and whether each has one. */
export function CoverageCard({ uscc, linkUnits = true }: { uscc: string; linkUnits?: boolean }) {
  const { t } = useTranslation();
  const workItems = useWorkItems();
  const { data, loading, error } = useAsync(() => eqApi.coverage(uscc), uscc);
  return (
    <Card
      size="small"
      title={t('eqs.coverageTitle')}
      loading={loading && !data}
      data-testid="operator-coverage"
      extra={data && <Typography.Text type="secondary">{t('eqs.coverageCount', { covered: data.covered, needed: data.needing })}</Typography.Text>}
    >
      {error ? (
        <Typography.Text type="secondary">{t('eqs.notAvailable')}</Typography.Text>
      ) : (
        data && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <RateFigure rate={data.rate} none={t('eqs.coverageNone')} testId="coverage-rate" />
            <Table<Coverage['units'][number]>
              size="small"
              rowKey="id"
              pagination={data.units.length > 10 ? { pageSize: 10, size: 'small' } : false}
              dataSource={data.units}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('eqs.equipmentCode'), dataIndex: 'equipmentCode', render: (v: string, u) => (linkUnits ? <Link to={unitPath(u.id)}>{v}</Link> : v) },
                { title: t('eqs.category'), dataIndex: 'categoryName' },
                { title: t('eqs.workItemsNeeded'), dataIndex: 'workItems', render: (v: string[]) => v.map((w) => workItems.nameOf(w)).join(t('common.listSeparator')) },
                { title: t('eqs.certified'), dataIndex: 'covered', render: (v: boolean) => (v ? <Tag color="green">{t('eqs.hasCertified')}</Tag> : <Tag color="red">{t('eqs.noCertified')}</Tag>) },
              ]}
            />
            {data.expiring.length > 0 && (
              <Typography.Text type="warning" data-testid="coverage-expiring">
                {t('eqs.expiringSoon', { list: data.expiring.map((c) => `${c.operatorName} ${c.workItem}（${c.expiresOn}）`).join(t('common.listSeparator')) })}
              </Typography.Text>
            )}
          </Space>
        )
      )}
    </Card>
  );
}
