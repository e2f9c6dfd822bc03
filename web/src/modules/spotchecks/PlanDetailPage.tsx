import { Alert, App, Badge, Button, Card, Col, Descriptions, Empty, Form, Grid, InputNumber, List, Popconfirm, Progress, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isStale } from '../../api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { DetailHeader, DetailPending } from '../../app/components/DetailHeader';
import { FormModal } from '../../app/components/FormModal';
import { useNotifyError } from '../../app/errors';
import { formatDate, formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { PlanKindTag, PlanStatusTag, ProductSelect, ReasonTags, useMayPlan, yuan } from './labels';
import { PlanEditModal } from './PlanFormModals';
import { lotPath, lotsOfPlanPath, productPath, QUARTERS, spotchecksApi, type LotRow, type Plan, type PlanLine, type Suggestion } from './spotchecks.api';
import './spotchecks.pages.i18n';

const ABOVE_95 = 'PASS_RATE_ABOVE_95';

/** Budget, cost and batches of the plan; an error when the lines cost more than the budget. */
function Totals({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotchecks.${key}`);
  const over = plan.totalCost > plan.budget;
  const used = plan.budget > 0 ? Math.round((plan.totalCost / plan.budget) * 1000) / 10 : 0;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="plan-totals">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={label('budget')} value={yuan(plan.budget)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={label('totalCost')} value={yuan(plan.totalCost)} valueStyle={over ? { color: '#cf1322' } : undefined} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={over ? label('overBy') : label('remaining')} value={yuan(Math.abs(plan.budget - plan.totalCost))} valueStyle={over ? { color: '#cf1322' } : undefined} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('spotchecks.batchesInLines', { count: plan.lines.length })} value={plan.totalBatches} suffix={label('batchUnit')} />
        </Col>
      </Row>
      <Progress percent={Math.min(used, 100)} status={over ? 'exception' : 'normal'} format={() => `${used}%`} />
      {over && <Alert type="error" showIcon message={t('spotchecks.overBudget', { over: yuan(plan.totalCost - plan.budget) })} data-testid="plan-over-budget" />}
    </Space>
  );
}

/** The plan's lines: product, batches, quarter, cost, the generator's reasons; inline edit and removal while a draft. */
function Lines({ plan, mayEdit, onPlan, onStale }: { plan: Plan; mayEdit: boolean; onPlan: (p: Plan) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [editing, setEditing] = useState<{ productId: string; batches: number; quarter: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const label = (key: string) => t(`spotchecks.${key}`);

  const run = async (change: () => Promise<Plan>, done: string) => {
    setBusy(true);
    try {
      onPlan(await change());
      setEditing(null);
      void message.success(done);
    } catch (err) {
      if (isStale(err)) {
        void message.warning(t('errors.staleReloaded'));
        setEditing(null);
        onStale();
      } else notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = () => editing && void run(() => spotchecksApi.putLine(plan, editing.productId, { batches: editing.batches, quarter: editing.quarter }), t('common.saved'));
  const remove = (l: PlanLine) => void run(() => spotchecksApi.removeLine(plan, l.productId), t('spotchecks.lineRemoved'));

  const isEditing = (l: PlanLine) => editing?.productId === l.productId;
  const columns: TableColumnsType<PlanLine> = [
    {
      title: label('product'),
      key: 'product',
      render: (_: unknown, l) => (
        <Space size={4} wrap>
          <Link to={productPath(l.productId)}>
            <span style={{ fontFamily: 'monospace' }}>{l.productCode}</span> {l.productName}
          </Link>
          {l.edited && (
            <Tooltip title={label('editedHint')}>
              <Tag color="purple">{label('edited')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: label('category'), dataIndex: 'category', className: 'zj-nowrap', responsive: ['xxl'], render: (v: string) => t(`spotchecks.categories.${v}`, { defaultValue: v }) },
    { title: label('impactShort'), dataIndex: 'impact', className: 'zj-nowrap', responsive: ['md'] },
    {
      title: label('batches'),
      dataIndex: 'batches',
      className: 'zj-nowrap',
      render: (v: number, l) =>
        isEditing(l) ? <InputNumber size="small" min={1} max={1000} precision={0} value={editing!.batches} onChange={(n) => setEditing({ ...editing!, batches: n ?? 1 })} style={{ width: 80 }} data-testid="line-batches" autoFocus /> : v,
    },
    {
      title: label('quarter'),
      dataIndex: 'quarter',
      className: 'zj-nowrap',
      render: (v: number, l) =>
        isEditing(l) ? (
          <Select size="small" value={editing!.quarter} onChange={(q) => setEditing({ ...editing!, quarter: q })} style={{ width: 120 }} options={QUARTERS.map((q) => ({ value: q, label: t('spotchecks.quarterN', { n: q }) }))} data-testid="line-quarter" />
        ) : (
          t('spotchecks.quarterN', { n: v })
        ),
    },
    { title: label('cost'), dataIndex: 'cost', className: 'zj-nowrap', render: (v: number) => yuan(v) },
    {
      title: label('reasons'),
      dataIndex: 'reasons',
      render: (_: unknown, l) => (
        <div style={{ minWidth: 200, maxWidth: 340 }}>
          <ReasonTags reasons={l.reasons} />
        </div>
      ),
    },
    ...(mayEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            className: 'zj-nowrap',
            fixed: 'right' as const,
            render: (_: unknown, l: PlanLine) =>
              isEditing(l) ? (
                <Space size={0}>
                  <Button type="link" size="small" icon={<CheckOutlined />} loading={busy} onClick={save} data-testid="line-save">
                    {t('common.save')}
                  </Button>
                  <Button type="link" size="small" icon={<CloseOutlined />} onClick={() => setEditing(null)}>
                    {t('common.cancel')}
                  </Button>
                </Space>
              ) : (
                <Space size={0}>
                  <Button type="link" size="small" icon={<EditOutlined />} disabled={busy} onClick={() => setEditing({ productId: l.productId, batches: l.batches, quarter: l.quarter })} data-testid="line-edit">
                    {t('common.edit')}
                  </Button>
                  <Popconfirm title={label('removeLineConfirm')} onConfirm={() => remove(l)} okText={label('remove')} cancelText={t('common.cancel')}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled={busy}>
                      {label('remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Table<PlanLine>
      data-testid="plan-lines"
      size="small"
      rowKey="productId"
      columns={columns}
      dataSource={plan.lines}
      pagination={plan.lines.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: label('noLines') }}
      expandable={{
        rowExpandable: (l) => l.reasons.length > 0,
        expandedRowRender: (l) => (
          <List
            size="small"
            dataSource={l.reasons}
            renderItem={(r) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Space align="start">
                  <Tag>{t(`spotchecks.reasonCodes.${r.code}`, { defaultValue: r.code })}</Tag>
                  <span>{r.text}</span>
                </Space>
              </List.Item>
            )}
          />
        ),
      }}
    />
  );
}

/** Products the generator left out, with why (the 95 % rule highlighted). */
function Excluded({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotchecks.${key}`);
  type Row = Plan['excluded'][number];
  return (
    <Table<Row>
      data-testid="plan-excluded"
      size="small"
      rowKey="productCode"
      dataSource={plan.excluded}
      pagination={plan.excluded.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: label('noExcluded') }}
      onRow={(r) => (r.reason.code === ABOVE_95 ? { style: { background: '#fff7e6' } } : {})}
      columns={[
        { title: label('code'), dataIndex: 'productCode', className: 'zj-nowrap', render: (v: string) => <Link to={`/spotcheck/products?q=${encodeURIComponent(v)}`} style={{ fontFamily: 'monospace' }}>{v}</Link> },
        {
          title: label('reason'),
          key: 'code',
          className: 'zj-nowrap',
          render: (_: unknown, r) => <Tag color={r.reason.code === ABOVE_95 ? 'orange' : 'default'} style={r.reason.code === ABOVE_95 ? { fontWeight: 600 } : undefined}>{t(`spotchecks.reasonCodes.${r.reason.code}`, { defaultValue: r.reason.code })}</Tag>,
        },
        { title: label('reasonText'), key: 'text', render: (_: unknown, r) => <div style={{ minWidth: 240, maxWidth: 520 }}>{r.reason.text}</div> },
      ]}
    />
  );
}

/** Beside the plan: the window, the county suggestions for the year, the lots with their applications. */
function SidePanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`spotchecks.${key}`);
  const suggestions = useAsync(() => spotchecksApi.suggestions({ year: plan.year, pageSize: 100 }), `${plan.year}`);
  const hasLots = plan.status !== 'draft';
  const lots = useAsync(() => (hasLots ? spotchecksApi.lots({ planId: plan.id, pageSize: 100 }) : Promise.resolve({ items: [] as LotRow[], total: 0 })), `${plan.id}:${plan.status}`);
  const inPlan = new Set(plan.lines.map((l) => l.productId));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={label('window')} data-testid="plan-window">
        <Space wrap>
          <span>{label('windowEndsOn')}</span>
          <Typography.Text strong>{formatDate(plan.windowEndsOn)}</Typography.Text>
          {plan.windowOpen ? <Tag color="green">{label('windowOpen')}</Tag> : <Tag>{label('windowClosed')}</Tag>}
        </Space>
      </Card>
      <Card size="small" title={`${label('suggestionsForYear')} (${suggestions.data?.total ?? 0})`} data-testid="plan-suggestions">
        <List<Suggestion>
          size="small"
          loading={suggestions.loading}
          dataSource={suggestions.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label('noSuggestions')} /> }}
          style={{ maxHeight: 420, overflow: 'auto' }}
          renderItem={(s) => (
            <List.Item style={{ paddingInline: 0 }}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    {s.productId ? (
                      <Link to={productPath(s.productId)}>
                        {s.productCode} {s.productName}
                      </Link>
                    ) : null}
                    {s.enterpriseName && <span>{s.enterpriseName}</span>}
                    {s.productId && inPlan.has(s.productId) && <Tag color="green">{label('inPlan')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{s.reason}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.orgName} · {s.createdByName} · {formatDateTime(s.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={label('lotsAndApplications')} extra={hasLots && <Link to={lotsOfPlanPath(plan.id)}>{label('allLots')}</Link>} data-testid="plan-lots">
        {hasLots ? (
          <List<LotRow>
            size="small"
            loading={lots.loading}
            dataSource={lots.data?.items ?? []}
            style={{ maxHeight: 480, overflow: 'auto' }}
            renderItem={(l) => (
              <List.Item
                style={{ paddingInline: 0 }}
                extra={
                  l.institutionName ? (
                    <Tooltip title={l.institutionName}>
                      <Tag color="green">{label('chosen')}</Tag>
                    </Tooltip>
                  ) : (
                    <Space size={4}>
                      <Typography.Text type="secondary">{label('applications')}</Typography.Text>
                      <Badge count={l.applicationCount} showZero color={l.applicationCount ? '#1677ff' : '#d9d9d9'} />
                    </Space>
                  )
                }
              >
                <Space direction="vertical" size={0}>
                  <Link to={lotPath(l.id)} style={{ fontFamily: 'monospace' }}>
                    {l.lotNo}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('spotchecks.quarterN', { n: l.quarter })} · {l.productName} · {t('spotchecks.batchesN', { count: l.batches })}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{label('lotsAfterApproval')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}

/** Adds a product to a draft plan (or sets its batches and quarter when it is there). */
function AddLineModal({ open, plan, onClose, onPlan, onStale }: { open: boolean; plan: Plan; onClose: () => void; onPlan: (p: Plan) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const rules = useRequiredRules();
  const label = (key: string) => t(`spotchecks.${key}`);
  type V = { productId: string; batches: number; quarter: number };
  return (
    <FormModal<V>
      open={open}
      title={label('addLine')}
      initialValues={{ batches: 1, quarter: 1 }}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async ({ productId, batches, quarter }) => onPlan(await spotchecksApi.putLine(plan, productId, { batches, quarter }))}
    >
      <Form.Item name="productId" label={label('product')} rules={rules.selectRequired(label('product'))}>
        <ProductSelect style={{ width: '100%' }} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12}>
          <Form.Item name="batches" label={label('batches')} rules={rules.selectRequired(label('batches'))}>
            <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="quarter" label={label('quarter')} rules={rules.selectRequired(label('quarter'))}>
            <Select options={QUARTERS.map((q) => ({ value: q, label: t('spotchecks.quarterN', { n: q }) }))} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

/** Approve (section head) or close a plan, with its version. */
function StatusButtons({ plan, onPlan, onStale }: { plan: Plan; onPlan: (p: Plan) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  if (!can('spotcheck.approve')) return null;
  const run = async (change: () => Promise<Plan>, done: string) => {
    try {
      onPlan(await change());
      void message.success(done);
    } catch (err) {
      if (isStale(err)) {
        void message.warning(t('errors.staleReloaded'));
        onStale();
      } else notifyError(err);
    }
  };
  if (plan.status === 'draft')
    return (
      <Popconfirm title={t('spotchecks.approveConfirm')} onConfirm={() => run(() => spotchecksApi.approve(plan), t('spotchecks.approved'))} okText={t('spotchecks.approve')} cancelText={t('common.cancel')}>
        <Button type="primary" icon={<CheckOutlined />} data-testid="plan-approve">
          {t('spotchecks.approve')}
        </Button>
      </Popconfirm>
    );
  if (plan.status === 'approved')
    return (
      <Popconfirm title={t('spotchecks.closeConfirm')} onConfirm={() => run(() => spotchecksApi.close(plan), t('spotchecks.closed'))} okText={t('spotchecks.closePlan')} cancelText={t('common.cancel')}>
        <Button data-testid="plan-close">{t('spotchecks.closePlan')}</Button>
      </Popconfirm>
    );
  return null;
}

/** 抽查计划: totals against the budget, lines (edit, remove, add), products left out, and beside it the suggestions and lots. */
export function PlanDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const mayPlan = useMayPlan();
  const id = useParams().id ?? '';
  const { data, error, loading, reload } = useAsync(() => spotchecksApi.plan(id), id);
  const [fresh, setFresh] = useState<Plan | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const wide = Grid.useBreakpoint().xl === true;
  const label = (key: string) => t(`spotchecks.${key}`);
  if (error || !data) return <DetailPending error={error} loading={loading} />;
  const plan = fresh && fresh.id === data.id && fresh.version >= data.version ? fresh : data;
  const stale = () => {
    setFresh(null);
    reload();
  };
  const mayEdit = mayPlan && plan.status === 'draft';
  const rule = plan.passRateRule.mode === 'reduce' ? t('spotchecks.ruleReduceBy', { percent: plan.passRateRule.reducePercent ?? 0 }) : label('ruleSkip');
  const w = plan.scoreWeights;

  const main = (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={label('totals')}>
        <Totals plan={plan} />
      </Card>
      <Card
        title={label('lines')}
        extra={
          mayEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="line-add">
              {label('addLine')}
            </Button>
          )
        }
      >
        <Lines plan={plan} mayEdit={mayEdit} onPlan={setFresh} onStale={stale} />
      </Card>
      {plan.kind === 'annual' && (
        <Card title={`${label('excluded')} (${plan.excluded.length})`}>
          <Excluded plan={plan} />
        </Card>
      )}
    </Space>
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <DetailHeader
        testId="plan-header"
        back={{ path: '/spotcheck/plans', label: label('backToPlans') }}
        title={plan.name}
        tags={
          <>
            <PlanKindTag kind={plan.kind} />
            <PlanStatusTag status={plan.status} />
          </>
        }
        subtitle={[
          t('spotchecks.yearN', { year: plan.year }),
          `${label('createdBy')} ${plan.createdByName}`,
          plan.approvedByName ? `${label('approvedBy')} ${plan.approvedByName} ${formatDateTime(plan.approvedAt)}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            ...(plan.kind === 'annual' ? [{ key: 'rule', label: label('passRateRule'), children: rule }] : []),
            { key: 'weights', label: label('scoreWeights'), children: t('spotchecks.weightsText', { ...w }) },
          ]}
        />
        {(mayEdit || plan.status !== 'draft' || can('spotcheck.approve')) && (
          <Space wrap>
            {mayEdit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="plan-edit">
                {label('editPlan')}
              </Button>
            )}
            <StatusButtons plan={plan} onPlan={setFresh} onStale={stale} />
            {plan.status !== 'draft' && <Link to={lotsOfPlanPath(plan.id)}>{label('allLots')}</Link>}
          </Space>
        )}
      </DetailHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {main}
        </Col>
        <Col xs={24} xl={8} style={wide ? { position: 'sticky', top: 16, alignSelf: 'flex-start' } : undefined}>
          <SidePanel plan={plan} />
        </Col>
      </Row>
      <AddLineModal open={adding} plan={plan} onClose={() => setAdding(false)} onPlan={setFresh} onStale={stale} />
      <PlanEditModal open={editing} plan={plan} onClose={() => setEditing(false)} onDone={setFresh} onStale={stale} />
    </Space>
  );
}
