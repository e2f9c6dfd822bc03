import { Card, Descriptions, Flex, Form, Grid, Input, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { PublicFrame } from '../../app/layout/PublicFrame';
import { PublicListAlert, YearAndSearchButtons, usePublicPagination, usccRule } from '../../app/list/publicList';
import { usccOfInput } from '../../app/uscc';
import { useListState } from '../../app/list/useListState';
import { publicPenaltiesApi, type PublicPenalty } from './penaltiesPublic.api';
import './penaltiesPublic.pages.i18n';

interface SearchValues {
  uscc?: string;
  year?: number;
}

/** One decision as a card: readable on a phone, the same on a wide screen. */
function DecisionCard({ item }: { item: PublicPenalty }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`penaltiesPublic.${key}`);
  return (
    <Card size="small" style={{ width: '100%' }} data-testid="public-penalty">
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {item.partyName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
            {item.documentNo}
          </Typography.Text>
        </Flex>
        <Space size={[4, 4]} wrap>
          {item.penaltyTypes.map((p) => (
            <Tag key={p} color={p === 'revocation' || p === 'suspension' ? 'red' : p === 'warning' || p === 'criticism' ? 'default' : 'orange'}>
              {t(`penaltiesPublic.types.${p}`, { defaultValue: p })}
            </Tag>
          ))}
        </Space>
        <Descriptions
          size="small"
          column={1}
          layout="vertical"
          colon={false}
          items={[
            ...(item.uscc ? [{ key: 'uscc', label: label('uscc'), children: <span style={{ fontFamily: 'monospace' }}>{item.uscc}</span> }] : []),
            { key: 'violation', label: label('violation'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{item.violation}</span> },
            { key: 'penalty', label: label('penalty'), children: item.penalty },
            { key: 'legalBasis', label: label('legalBasis'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{item.legalBasis}</span> },
          ]}
        />
        <Flex wrap gap={16}>
          {(['decidedOn', 'publishedOn', 'publicUntil'] as const).map((k) => (
            <span key={k} style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text type="secondary">{label(k)} </Typography.Text>
              {formatDate(item[k])}
            </span>
          ))}
        </Flex>
      </Space>
    </Card>
  );
}

/** 行政处罚信息公示: decisions in their public period, by USCC and year; the search and the page are in the URL. No login. */
export function PublicPenaltiesPage() {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().sm !== false;
  const [form] = Form.useForm<SearchValues>();
  const list = useListState(10);
  const uscc = typeof list.values.uscc === 'string' ? list.values.uscc : undefined;
  const year = typeof list.values.year === 'number' ? list.values.year : undefined;
  const { page, pageSize } = list;
  const result = useAsync(() => publicPenaltiesApi.list({ uscc, year, page, pageSize }), `${uscc}|${year}|${page}|${pageSize}`);
  const label = (key: string) => t(`penaltiesPublic.${key}`);

  const search = (v: SearchValues) => {
    const code = usccOfInput(v.uscc);
    list.setValues({ uscc: code || undefined, year: v.year });
  };
  const reset = () => {
    form.resetFields();
    list.setValues({});
  };
  const pagination = usePublicPagination(list, result.data?.total, wide, true);

  return (
    <PublicFrame title={label('title')} width={880} extra={<Link to="/public/enterprise">{label('toLookup')}</Link>} testId="public-penalties-page">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {label('intro')}
        </Typography.Paragraph>
        <Form<SearchValues> form={form} layout={wide ? 'inline' : 'vertical'} initialValues={{ uscc, year }} onFinish={search} style={{ rowGap: 8 }}>
          <Form.Item
            name="uscc"
            label={label('uscc')}
            style={wide ? undefined : { marginBottom: 8 }}
            rules={[usccRule(label('usccInvalid'))]}
          >
            <Input allowClear placeholder={label('usccPlaceholder')} maxLength={24} style={{ width: wide ? 240 : '100%', fontFamily: 'monospace' }} data-testid="penalties-uscc" />
          </Form.Item>
          <YearAndSearchButtons label={label} wide={wide} yearWidth={130} searchTestId="penalties-search" onReset={reset} />
        </Form>
        <PublicListAlert error={result.error} rateLimited={label('rateLimited')} />
        <List<PublicPenalty>
          data-testid="public-penalties"
          rowKey={(p) => p.documentNo}
          split={false}
          dataSource={result.data?.items ?? []}
          loading={result.loading}
          locale={{ emptyText: label('empty') }}
          pagination={pagination}
          renderItem={(p) => (
            <List.Item style={{ padding: '6px 0' }}>
              <DecisionCard item={p} />
            </List.Item>
          )}
        />
      </Space>
    </PublicFrame>
  );
}
