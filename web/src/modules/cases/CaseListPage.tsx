import { Button, Checkbox, Form, Grid, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate } from '../../app/format';
import { ListPage, type FilterValues } from '../../app/list/ListPage';
import { useRegions } from '../regions';
import './cases.pages.i18n';
import { casePath, casesApi, type CaseQuery, type CaseRow } from './cases.api';
import { CaseFlags, DueDate, StageTag, useStageOptions } from './labels';

function toQuery({ supervised, joint, overdue, q, ...rest }: FilterValues): Partial<CaseQuery> {
  return {
    ...(rest as Partial<CaseQuery>),
    // unticked means "any", not "not supervised"
    supervised: supervised ? true : undefined,
    joint: joint ? true : undefined,
    overdue: overdue ? true : undefined,
    q: (q as string | undefined)?.trim(),
  };
}

const mono = { fontFamily: 'monospace' } as const;

/** 案件列表: every case in the user's scope (own region plus joint cases), its next deadline and flags; filters in the URL. */
export function CaseListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const regions = useRegions();
  const stageOptions = useStageOptions();
  // the city and its counties: a case's region is its bureau's
  const countyOptions = regions.regions.filter((r) => r.level <= Math.min(...regions.regions.map((x) => x.level)) + 1).map((r) => ({ value: r.code, label: r.name }));

  const screens = Grid.useBreakpoint();
  const due = (c: CaseRow) => <DueDate dueOn={c.nextDueOn} certain={c.nextDueCertain} overdue={c.overdue} />;
  // a phone: one column holding what the row says, no sideways scroll
  const compact: TableColumnsType<CaseRow> = [
    {
      title: t('cases.listTitle'),
      key: 'item',
      render: (_: unknown, c) => (
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Space size={4} wrap>
            <Typography.Text strong style={mono}>
              {c.caseNo}
            </Typography.Text>
            <StageTag stage={c.stage} />
          </Space>
          <span>{c.partyName}</span>
          <CaseFlags supervised={c.supervised} joint={c.joint} transferred={c.transferred} />
          {c.nextDueOn && (
            <Space size={4}>
              <Typography.Text type="secondary">{t('cases.nextDue')}</Typography.Text>
              {due(c)}
            </Space>
          )}
        </Space>
      ),
    },
  ];
  const full: TableColumnsType<CaseRow> = [
    {
      title: t('cases.caseNo'),
      dataIndex: 'caseNo',
      className: 'zj-nowrap',
      render: (v: string, c) => (
        <Typography.Link style={mono} onClick={() => navigate(casePath(c.id))}>
          {v}
        </Typography.Link>
      ),
    },
    {
      title: t('cases.party'),
      dataIndex: 'partyName',
      render: (v: string, c) => (
        <Space direction="vertical" size={0}>
          <span>{v}</span>
          {c.uscc && (
            <Typography.Text type="secondary" style={{ fontSize: 12, ...mono }}>
              {c.uscc}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('cases.stage'), dataIndex: 'stage', className: 'zj-nowrap', render: (_: unknown, c) => <StageTag stage={c.stage} /> },
    { title: t('cases.bureau'), dataIndex: 'orgName', responsive: ['lg'], render: (v: string | null, c) => v ?? regions.nameOf(c.regionCode) },
    { title: t('cases.foundOn'), dataIndex: 'foundOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string) => formatDate(v) },
    { title: t('cases.openedOn'), dataIndex: 'openedOn', className: 'zj-nowrap', responsive: ['md'], render: (v: string | null) => formatDate(v) },
    { title: t('cases.decidedOn'), dataIndex: 'decidedOn', className: 'zj-nowrap', responsive: ['lg'], render: (v: string | null) => formatDate(v) },
    { title: t('cases.nextDue'), key: 'due', className: 'zj-nowrap', render: (_: unknown, c) => due(c) },
    { title: t('cases.flags'), key: 'flags', render: (_: unknown, c) => <CaseFlags supervised={c.supervised} joint={c.joint} transferred={c.transferred} /> },
  ];

  return (
    <ListPage<CaseRow, CaseQuery>
      title={t('cases.listTitle')}
      fetch={casesApi.list}
      rowKey="id"
      columns={screens.sm === false ? compact : full}
      toQuery={toQuery}
      tableProps={{
        scroll: { x: 'max-content' },
        onRow: (c) => ({ onClick: () => navigate(casePath(c.id)), style: { cursor: 'pointer' } }),
      }}
      toolbar={
        can('case.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
            {t('cases.create')}
          </Button>
        )
      }
      filters={
        <>
          <Form.Item name="q" label={t('cases.q')}>
            <Input allowClear placeholder={t('cases.qPlaceholder')} style={{ width: 240, maxWidth: '100%' }} />
          </Form.Item>
          <Form.Item name="stage" label={t('cases.stage')}>
            <Select allowClear style={{ width: 130 }} options={stageOptions} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('cases.region')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} options={countyOptions} loading={regions.loading} />
          </Form.Item>
          <Form.Item name="supervised" valuePropName="checked">
            <Checkbox>{t('cases.supervisedOnly')}</Checkbox>
          </Form.Item>
          <Form.Item name="joint" valuePropName="checked">
            <Checkbox>{t('cases.jointOnly')}</Checkbox>
          </Form.Item>
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox>{t('cases.overdueOnly')}</Checkbox>
          </Form.Item>
        </>
      }
    />
  );
}
