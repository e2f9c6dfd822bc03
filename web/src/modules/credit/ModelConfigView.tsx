import { Descriptions, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Factor, ModelConfig } from './credit.api';
import { points, SignedPoints } from './labels';
import './credit.pages.i18n';

/** A model's configuration as tables: base, class bounds, evaluator grades, then one row per factor. */
export function ModelConfigView({ config: c }: { config: ModelConfig }) {
  const { t } = useTranslation();
  const decay = (d: Factor['decay']) => (d === 'none' ? t('credit.decayNone') : d === 'linear' ? t('credit.decayLinear') : t('credit.decayHalfLife', { months: d.halfLifeMonths }));
  const columns: TableColumnsType<Factor> = [
    { title: t('credit.factor'), dataIndex: 'label', render: (v: string, f) => <span title={f.key}>{v}</span> },
    { title: t('credit.kinds'), dataIndex: 'kinds', render: (v: string[]) => v.map((k) => <Tag key={k}>{t(`credit.kindNames.${k.replace('.', '_')}`, { defaultValue: k })}</Tag>) },
    {
      title: t('credit.pointsPerRecord'),
      key: 'points',
      className: 'zj-nowrap',
      render: (_: unknown, f) => (
        <>
          <SignedPoints value={f.points} />
          {f.perMagnitude && t('credit.perMagnitude', { points: points(f.perMagnitude.points), per: f.perMagnitude.per.toLocaleString('zh-CN') })}
        </>
      ),
    },
    { title: t('credit.window'), dataIndex: 'windowMonths', className: 'zj-nowrap', render: (v: number) => t('credit.months', { n: v }) },
    { title: t('credit.decay'), dataIndex: 'decay', className: 'zj-nowrap', render: decay },
    { title: t('credit.cap'), dataIndex: 'cap', className: 'zj-nowrap', align: 'right' },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="model-config">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
        <Descriptions.Item label={t('credit.base')}>{points(c.base)}</Descriptions.Item>
        <Descriptions.Item label={t('credit.classBounds')}>{t('credit.boundsLine', { a: c.classBounds.A, b: c.classBounds.B, c: c.classBounds.C })}</Descriptions.Item>
        <Descriptions.Item label={t('credit.evaluatorGrades')}>
          {Object.entries(c.evaluatorGrades)
            .map(([g, p]) => `${g} ${p > 0 ? '+' : ''}${p}`)
            .join(t('common.listSeparator'))}
        </Descriptions.Item>
      </Descriptions>
      <Table<Factor> size="small" rowKey="key" columns={columns} dataSource={c.factors} pagination={false} scroll={{ x: 'max-content' }} />
    </Space>
  );
}
