import { Alert, Button, Form, Input, List, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../app/errorText';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useListState } from '../../app/list/useListState';
import { useWide } from '../../app/components/plain';
import { SpotcheckPublicFrame } from './SpotcheckPublicFrame';
import { ResultCard, ResultTable } from './ResultParts';
import { spotchecksPublicApi, type PublicResult } from './spotchecksPublic.api';

/** This year and the four before. */
export const YEARS = Array.from({ length: 5 }, (_, i) => todayInChina().year() - i);
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

interface SearchValues {
  uscc?: string;
  productCode?: string;
  year?: number;
}

/** Whether an error is the public routes' rate limit (429). */
export const isRateLimited = (err: unknown) => err instanceof ApiError && err.status === 429;

/** 产品质量监督抽查结果: published results by USCC, product code and year; the search and page are in the URL. No sign-in. */
export function PublicResultsPage() {
  const { t } = useTranslation();
  const wide = useWide();
  const [form] = Form.useForm<SearchValues>();
  const list = useListState(wide ? 20 : 10);
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const uscc = str(list.values.uscc);
  const productCode = str(list.values.productCode);
  const year = typeof list.values.year === 'number' ? list.values.year : undefined;
  const { page, pageSize } = list;
  const result = useAsync(() => spotchecksPublicApi.results({ uscc, productCode, year, page, pageSize }), `${uscc}|${productCode}|${year}|${page}|${pageSize}`);
  const label = (key: string) => t(`scPublic.${key}`);

  const search = (v: SearchValues) => {
    const code = v.uscc?.replace(/\s/g, '').toUpperCase();
    list.setValues({ uscc: code || undefined, productCode: v.productCode?.trim() || undefined, year: v.year });
  };
  const reset = () => {
    form.resetFields();
    list.setValues({});
  };
  const limited = isRateLimited(result.error);
  const items = result.data?.items ?? [];
  const pagination = {
    current: page,
    pageSize,
    total: result.data?.total ?? 0,
    size: wide ? ('default' as const) : ('small' as const),
    align: 'center' as const,
    showSizeChanger: false,
    showTotal: wide ? (total: number) => t('common.total', { count: total }) : undefined,
    onChange: (p: number) => list.setPage(p),
  };
  const field = wide ? undefined : { marginBottom: 8 };

  return (
    <SpotcheckPublicFrame title={label('results.title')} testId="public-spotcheck-results">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {label('results.intro')}
        </Typography.Paragraph>
        <Form<SearchValues> form={form} layout={wide ? 'inline' : 'vertical'} initialValues={{ uscc, productCode, year }} onFinish={search} style={{ rowGap: 8 }} role="search" aria-label={label('results.title')}>
          <Form.Item
            name="uscc"
            label={label('uscc')}
            style={field}
            rules={[
              {
                validator: async (_, v?: string) => {
                  const code = v?.replace(/\s/g, '').toUpperCase();
                  if (code && !USCC.test(code)) throw new Error(label('usccInvalid'));
                },
              },
            ]}
          >
            <Input allowClear placeholder={label('usccPlaceholder')} maxLength={24} style={{ width: wide ? 230 : '100%', fontFamily: 'monospace' }} data-testid="results-uscc" />
          </Form.Item>
          <Form.Item name="productCode" label={label('productCode')} style={field}>
            <Input allowClear placeholder={label('productCodePlaceholder')} maxLength={40} style={{ width: wide ? 160 : '100%' }} data-testid="results-product" />
          </Form.Item>
          <Form.Item name="year" label={label('year')} style={field}>
            <Select<number> allowClear placeholder={label('allYears')} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: wide ? 120 : '100%' }} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="results-search">
                {label('search')}
              </Button>
              <Button onClick={reset}>{label('reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
        {result.error ? <Alert type={limited ? 'warning' : 'error'} showIcon role="alert" message={limited ? label('rateLimited') : errorText(result.error, t)} /> : null}
        {wide ? (
          <ResultTable items={items} loading={result.loading} pagination={pagination} />
        ) : (
          <List<PublicResult>
            data-testid="public-results"
            rowKey={(r) => `${r.bulletinNo}|${r.sampleNo}`}
            split={false}
            dataSource={items}
            loading={result.loading}
            locale={{ emptyText: label('results.empty') }}
            pagination={pagination}
            renderItem={(r) => (
              <List.Item style={{ padding: '6px 0' }}>
                <ResultCard item={r} />
              </List.Item>
            )}
          />
        )}
      </Space>
    </SpotcheckPublicFrame>
  );
}
