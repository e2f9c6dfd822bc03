import { Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAsync } from '../../app/hooks/useAsync';
import { eqApi, type Coverage } from './equipmentSafety.api';
import { RateFigure, unitPath } from './labels';
import { useWorkItems } from './useWorkItems';

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
      extra={data && <Typography.Text type="secondary">{t('eqs.coverageCount', { covered: data.covered, needed: data.needed })}</Typography.Text>}
    >
      {error ? (
        <Typography.Text type="secondary">{t('eqs.notAvailable')}</Typography.Text>
      ) : (
        data && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <RateFigure rate={data.rate} />
            <Table<Coverage['units'][number]>
              size="small"
              rowKey="equipmentId"
              pagination={data.units.length > 10 ? { pageSize: 10, size: 'small' } : false}
              dataSource={data.units}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('eqs.equipmentCode'), dataIndex: 'equipmentCode', render: (v: string, u) => (linkUnits ? <Link to={unitPath(u.equipmentId)}>{v}</Link> : v) },
                { title: t('eqs.workItemsNeeded'), dataIndex: 'workItems', render: (v: string[]) => v.map((w) => workItems.nameOf(w)).join(t('common.listSeparator')) },
                { title: t('eqs.certified'), dataIndex: 'covered', render: (v: boolean, u) => (v ? <Tag color="green">{u.operators?.join(t('common.listSeparator')) || t('common.yes')}</Tag> : <Tag color="red">{t('eqs.noCertified')}</Tag>) },
              ]}
            />
          </Space>
        )
      )}
    </Card>
  );
}
