import { Form, Input, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../app/hooks/useAsync';
import { PublicListAlert, YearAndSearchButtons, usePublicPagination, usccRule } from '../../app/list/publicList';
import { usccOfInput } from '../../app/uscc';
import { useListState } from '../../app/list/useListState';
import { useWide } from '../../app/components/plain';
import { SpotcheckPublicFrame } from './SpotcheckPublicFrame';
import { ResultCard, ResultTable } from './ResultParts';
import { spotchecksPublicApi, type PublicResult } from './spotchecksPublic.api';

/** Whether an error is the public routes' rate limit (429); here for the module's other pages. */

interface SearchValues {
  uscc?: string;
  productCode?: string;
  year?: number;
}

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
    const code = usccOfInput(v.uscc);
    list.setValues({ uscc: code || undefined, productCode: v.productCode?.trim() || undefined, year: v.year });
  };
  const reset = () => {
    form.resetFields();
    list.setValues({});
  };
  const items = result.data?.items ?? [];
  const pagination = usePublicPagination(list, result.data?.total, wide, true);
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
            rules={[usccRule(label('usccInvalid'))]}
          >
            <Input allowClear placeholder={label('usccPlaceholder')} maxLength={24} style={{ width: wide ? 230 : '100%', fontFamily: 'monospace' }} data-testid="results-uscc" />
          </Form.Item>
          <Form.Item name="productCode" label={label('productCode')} style={field}>
            <Input allowClear placeholder={label('productCodePlaceholder')} maxLength={40} style={{ width: wide ? 160 : '100%' }} data-testid="results-product" />
          </Form.Item>
          <YearAndSearchButtons label={label} wide={wide} yearWidth={120} searchTestId="results-search" onReset={reset} />
        </Form>
        <PublicListAlert error={result.error} rateLimited={label('rateLimited')} />
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
