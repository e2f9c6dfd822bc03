import { Button, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { PassRate, sampleText, useMayPlan, yuan } from './labels';
import { ProductFormModal } from './ProductFormModal';
import { SamplingPlanModal } from './SamplingPlanCalculator';
import { PRODUCT_CATEGORIES, productPath, spotchecksApi, type ProductQuery, type ProductRow } from './spotchecks.api';
import './spotchecks.pages.i18n';

const toQuery = ({ q, active, ...rest }: FilterValues): Partial<ProductQuery> => ({
  ...(rest as Partial<ProductQuery>),
  q: (q as string | undefined)?.trim(),
  active: active === 'true' ? true : active === 'false' ? false : undefined,
});

/** 产品目录: the products the bureau spot-checks; a new one with its implementing rule (spotcheck.plan). */
export function ProductListPage() {
  const { t } = useTranslation();
  const mayPlan = useMayPlan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [calculator, setCalculator] = useState(false);
  const label = (key: string) => t(`spotchecks.${key}`);

  const columns: TableColumnsType<ProductRow> = [
    { title: label('code'), dataIndex: 'code', className: 'zj-nowrap', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: label('productName'), dataIndex: 'name', render: (v: string, p) => <Typography.Link onClick={() => navigate(productPath(p.id))}>{v}</Typography.Link> },
    { title: label('category'), dataIndex: 'category', className: 'zj-nowrap', render: (v: string) => t(`spotchecks.categories.${v}`, { defaultValue: v }) },
    { title: label('impactShort'), dataIndex: 'impact', className: 'zj-nowrap', responsive: ['sm'], render: (v: number) => <Tag color={v >= 4 ? 'red' : v === 3 ? 'orange' : 'default'}>{v}</Tag> },
    { title: label('batchCost'), dataIndex: 'batchCost', className: 'zj-nowrap', responsive: ['md'], render: (v: number) => yuan(v) },
    { title: label('sample'), key: 'sample', className: 'zj-nowrap', responsive: ['lg'], render: (_: unknown, p) => sampleText(p, t) },
    { title: label('producerCount'), dataIndex: 'producerCount', className: 'zj-nowrap', responsive: ['md'] },
    {
      title: label('lastPassRate'),
      dataIndex: 'lastPassRate',
      className: 'zj-nowrap',
      render: (v: ProductRow['lastPassRate']) =>
        v ? (
          <Space size={4}>
            <Typography.Text type="secondary">{v.year}</Typography.Text>
            <PassRate rate={v.rate} />
          </Space>
        ) : (
          t('common.none')
        ),
    },
    { title: label('active'), dataIndex: 'active', className: 'zj-nowrap', render: (v: boolean) => (v ? <Tag color="green">{label('activeYes')}</Tag> : <Tag>{label('activeNo')}</Tag>) },
  ];

  return (
    <>
      <ListPage<ProductRow, ProductQuery>
        title={label('productsTitle')}
        fetch={spotchecksApi.products}
        rowKey="id"
        columns={columns}
        toQuery={toQuery}
        tableProps={{ scroll: { x: 'max-content' }, onRow: (p) => ({ onClick: () => navigate(productPath(p.id)), style: { cursor: 'pointer' } }) }}
        toolbar={
          <Space wrap>
            <Button icon={<CalculatorOutlined />} onClick={() => setCalculator(true)} data-testid="sampling-calculator">
              {label('samplingCalculator')}
            </Button>
            {mayPlan && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="product-create">
                {label('createProduct')}
              </Button>
            )}
          </Space>
        }
        filters={
          <>
            <Form.Item name="q" label={label('q')}>
              <Input allowClear style={{ width: 200 }} placeholder={label('qProductHint')} />
            </Form.Item>
            <Form.Item name="category" label={label('category')}>
              <Select allowClear style={{ width: 150 }} options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`spotchecks.categories.${c}`) }))} />
            </Form.Item>
            <Form.Item name="active" label={label('active')}>
              <Select
                allowClear
                style={{ width: 110 }}
                options={[
                  { value: 'true', label: label('activeYes') },
                  { value: 'false', label: label('activeNo') },
                ]}
              />
            </Form.Item>
          </>
        }
      />
      <ProductFormModal open={creating} onClose={() => setCreating(false)} onSaved={(p) => navigate(productPath(p.id))} />
      <SamplingPlanModal open={calculator} onClose={() => setCalculator(false)} />
    </>
  );
}
