import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Space, Table, Typography, type TableColumnsType } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { useNotifyError } from '../../app/errors';
import { formatDate, formatDateTime, todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { ProductSelect } from './labels';
import { enterprisePagePath, planPath, productPath, spotchecksApi, type Suggestion } from './spotchecks.api';
import './spotchecks.pages.i18n';

interface Values {
  target: 'product' | 'enterprise';
  productId?: string;
  uscc?: string;
  reason: string;
}

/** Whether the year's window for suggestions is open: no approved annual plan, and its window's last day not past. */
function useWindow(year: number) {
  const plans = useAsync(() => spotchecksApi.plans({ year, kind: 'annual', pageSize: 1 }), year);
  const plan = plans.data?.items[0];
  const today = todayInChina().format('YYYY-MM-DD');
  const closed = !!plan && (plan.status !== 'draft' || (plan.windowEndsOn !== null && plan.windowEndsOn < today));
  return { plan, closed, loading: plans.loading };
}

/** 县区建议: county bureaus suggest products or enterprises for next year's plan, with reasons, until the window closes. */
export function SuggestionsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const rules = useRequiredRules();
  const [form] = Form.useForm<Values>();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || todayInChina().year() + 1;
  const setYear = (y: number) => setParams({ year: String(y) }, { replace: true });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [saving, setSaving] = useState(false);
  const win = useWindow(year);
  const list = useAsync(() => spotchecksApi.suggestions({ year, ...page }), `${year}:${page.page}:${page.pageSize}`);
  const label = (key: string) => t(`spotchecks.${key}`);

  const submit = async ({ target, productId, uscc, reason }: Values) => {
    setSaving(true);
    try {
      await spotchecksApi.suggest({ year, reason: reason.trim(), ...(target === 'product' ? { productId } : { uscc: uscc?.trim().toUpperCase() }) });
      void message.success(label('suggested'));
      form.resetFields(['productId', 'uscc', 'reason']);
      list.reload();
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<Suggestion> = [
    {
      title: label('suggestionTarget'),
      key: 'target',
      render: (_: unknown, s) => (
        <Space direction="vertical" size={0}>
          {s.productId && (
            <Link to={productPath(s.productId)}>
              <span style={{ fontFamily: 'monospace' }}>{s.productCode}</span> {s.productName}
            </Link>
          )}
          {s.uscc && (
            <span>
              {s.enterpriseName} <Link to={enterprisePagePath(s.uscc)} style={{ fontFamily: 'monospace', fontSize: 12 }}>{s.uscc}</Link>
            </span>
          )}
        </Space>
      ),
    },
    { title: label('reason'), dataIndex: 'reason', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
    { title: label('suggestedBy'), dataIndex: 'orgName', className: 'zj-nowrap', responsive: ['md'] },
    { title: label('createdBy'), dataIndex: 'createdByName', className: 'zj-nowrap', responsive: ['lg'], render: (v: string, s) => `${v} · ${formatDateTime(s.createdAt)}` },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={label('suggestionsTitle')}
        extra={
          <Space>
            <span>{label('planYear')}</span>
            <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} style={{ width: 100 }} data-testid="suggestion-year" />
          </Space>
        }
      >
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {win.closed ? (
            <Alert
              type="warning"
              showIcon
              data-testid="suggestion-closed"
              message={t('spotchecks.windowClosedFor', { year })}
              description={
                win.plan && (
                  <span>
                    {win.plan.status !== 'draft' ? label('windowClosedApproved') : t('spotchecks.windowClosedOn', { on: formatDate(win.plan.windowEndsOn) })}{' '}
                    <Link to={planPath(win.plan.id)}>{win.plan.name}</Link>
                  </span>
                )
              }
            />
          ) : (
            <Alert
              type="info"
              showIcon
              message={win.plan?.windowEndsOn ? t('spotchecks.windowOpenUntil', { year, on: formatDate(win.plan.windowEndsOn) }) : t('spotchecks.windowOpenFor', { year })}
            />
          )}
          <Form<Values> form={form} layout="vertical" initialValues={{ target: 'product' }} onFinish={(v) => void submit(v)} disabled={win.closed} data-testid="suggestion-form">
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="target" label={label('suggestionTarget')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'product', label: label('product') },
                      { value: 'enterprise', label: label('enterprise') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item noStyle dependencies={['target']}>
                  {({ getFieldValue }) =>
                    getFieldValue('target') === 'enterprise' ? (
                      <Form.Item name="uscc" label={label('uscc')} rules={rules.required(label('uscc'))} extra={label('usccHint')}>
                        <Input maxLength={18} style={{ fontFamily: 'monospace', textTransform: 'uppercase' }} />
                      </Form.Item>
                    ) : (
                      <Form.Item name="productId" label={label('product')} rules={rules.selectRequired(label('product'))}>
                        <ProductSelect style={{ width: '100%' }} />
                      </Form.Item>
                    )
                  }
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="reason" label={label('reason')} rules={rules.required(label('reason'))}>
              <Input.TextArea rows={3} maxLength={2000} showCount placeholder={label('reasonPlaceholder')} />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={saving} data-testid="suggestion-submit">
                {label('suggest')}
              </Button>
              <Typography.Text type="secondary">{t('spotchecks.suggestAs', { org: user?.orgName ?? '' })}</Typography.Text>
            </Space>
          </Form>
        </Space>
      </Card>
      <Card title={`${t('spotchecks.suggestionsOfYear', { year })} (${list.data?.total ?? 0})`}>
        <Table<Suggestion>
          data-testid="suggestion-list"
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: label('noSuggestions') }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (n) => t('common.total', { count: n }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
        />
      </Card>
    </Space>
  );
}
