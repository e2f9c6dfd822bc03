import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { namedFieldError } from '../../app/hooks/useServerFieldError';
import { caseAdminApi, DISCRETION_LEVELS, VIOLATION_AREAS, type DiscretionLevelSpec, type DiscretionRule, type DiscretionRuleInput } from './caseAdmin.api';
import { PenaltyTypeTags, usePenaltyTypeOptions } from './labels';
import './caseAdmin.pages.i18n';

const FIELDS = ['key', 'area', 'violation', 'violatedProvision', 'penaltyProvision', 'levels', 'sortOrder'] as const;

type LevelValues = Omit<DiscretionLevelSpec, 'fineRule'> & { fineRule?: string | null };
type RuleValues = Omit<DiscretionRuleInput, 'levels'> & { levels: LevelValues[] };

const blankLevel = (): Partial<LevelValues> => ({ level: 'ordinary', circumstances: '', penaltyTypes: [], fineMin: null, fineMax: null });

/** The levels of a rule, as a small table. */
function Levels({ levels }: { levels: DiscretionLevelSpec[] }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`caseAdmin.rules.${key}`);
  const money = (v: number | null) => (v === null || v === undefined ? label('noFineBound') : v.toLocaleString('zh-CN'));
  const columns: TableColumnsType<DiscretionLevelSpec> = [
    { title: label('level'), dataIndex: 'level', className: 'zj-nowrap', render: (v: string) => t(`caseAdmin.rules.levelNames.${v}`, { defaultValue: v }) },
    { title: label('circumstances'), dataIndex: 'circumstances' },
    { title: label('penaltyTypes'), dataIndex: 'penaltyTypes', render: (v: DiscretionLevelSpec['penaltyTypes']) => <PenaltyTypeTags types={v} /> },
    {
      title: `${label('fineMin')} ~ ${label('fineMax')}`,
      key: 'fine',
      className: 'zj-nowrap',
      render: (_: unknown, l) => (
        <Space direction="vertical" size={0}>
          <span>
            {money(l.fineMin)} ~ {money(l.fineMax)}
          </span>
          {l.fineRule && <Typography.Text type="secondary">{l.fineRule}</Typography.Text>}
        </Space>
      ),
    },
  ];
  return <Table<DiscretionLevelSpec> size="small" rowKey="level" columns={columns} dataSource={levels} pagination={false} scroll={{ x: 'max-content' }} />;
}

/** 行政处罚裁量基准: the rules decisions must follow, each with its levels; editable by case.configure (If-Match). */
export function DiscretionPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const rules = useRequiredRules();
  const penaltyOptions = usePenaltyTypeOptions();
  const { data, loading, reload } = useAsync(() => caseAdminApi.rules());
  const [editing, setEditing] = useState<DiscretionRule | 'new' | null>(null);
  const label = (key: string) => t(`caseAdmin.rules.${key}`);
  const writable = can('case.configure');
  const areaOptions = VIOLATION_AREAS.map((a) => ({ value: a, label: t(`caseAdmin.rules.areas.${a}`) }));
  const levelOptions = DISCRETION_LEVELS.map((l) => ({ value: l, label: t(`caseAdmin.rules.levelNames.${l}`) }));

  const save = async (v: RuleValues) => {
    const levels = v.levels.map((l) => ({
      level: l.level,
      circumstances: l.circumstances.trim(),
      penaltyTypes: l.penaltyTypes ?? [],
      fineMin: l.fineMin ?? null,
      fineMax: l.fineMax ?? null,
      fineRule: l.fineRule?.trim() || null,
    }));
    const body = {
      area: v.area,
      violation: v.violation.trim(),
      violatedProvision: v.violatedProvision.trim(),
      penaltyProvision: v.penaltyProvision.trim(),
      levels,
      active: v.active,
      sortOrder: v.sortOrder ?? 0,
    };
    if (editing === 'new') await caseAdminApi.createRule({ key: v.key.trim(), ...body });
    else if (editing) await caseAdminApi.updateRule(editing, body);
    void message.success(label('saved'));
    reload();
  };

  const columns: TableColumnsType<DiscretionRule> = [
    { title: label('key'), dataIndex: 'key', className: 'zj-nowrap', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: label('area'), dataIndex: 'area', className: 'zj-nowrap', render: (v: string) => t(`caseAdmin.rules.areas.${v}`, { defaultValue: v }) },
    { title: label('violation'), dataIndex: 'violation' },
    { title: label('penaltyProvision'), dataIndex: 'penaltyProvision', responsive: ['lg'] },
    { title: label('levels'), key: 'levels', className: 'zj-nowrap', render: (_: unknown, r) => r.levels.map((l) => t(`caseAdmin.rules.levelNames.${l.level}`, { defaultValue: l.level })).join(' / ') },
    { title: t('common.status'), dataIndex: 'active', className: 'zj-nowrap', render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? label('active') : label('inactive')}</Tag> },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            className: 'zj-nowrap',
            render: (_: unknown, r: DiscretionRule) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid="rule-edit">
                {label('edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const initial: Partial<RuleValues> =
    editing && editing !== 'new'
      ? { ...editing, levels: editing.levels }
      : { active: true, sortOrder: (data?.items.length ?? 0) * 10 + 10, levels: [blankLevel() as LevelValues] };

  return (
    <Card
      title={label('title')}
      extra={
        writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-create">
            {label('create')}
          </Button>
        )
      }
    >
      <Alert type="info" showIcon message={label('intro')} style={{ marginBottom: 16 }} />
      <Table<DiscretionRule>
        data-testid="discretion-rules"
        size="middle"
        rowKey="key"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" size={8} style={{ width: '100%' }}>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'violated', label: label('violatedProvision'), children: r.violatedProvision },
                  { key: 'penalty', label: label('penaltyProvision'), children: r.penaltyProvision },
                  ...(r.updatedAt ? [{ key: 'updated', label: label('updated'), children: [r.updatedByName, formatDateTime(r.updatedAt)].filter(Boolean).join(' · ') }] : []),
                ]}
              />
              <Levels levels={r.levels} />
            </Space>
          ),
        }}
      />
      <FormModal<RuleValues>
        open={editing !== null}
        title={editing === 'new' ? label('createTitle') : label('editTitle')}
        width={880}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={save}
        onStale={reload}
        fieldErrorOf={namedFieldError(FIELDS)}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="key" label={label('key')} extra={editing === 'new' ? label('keyHint') : undefined} rules={[...rules.required(label('key')), { pattern: /^[a-z][a-z0-9_]{1,59}$/, message: label('keyHint') }]}>
              <Input disabled={editing !== 'new'} maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="area" label={label('area')} rules={rules.selectRequired(label('area'))}>
              <Select options={areaOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="sortOrder" label={label('sortOrder')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="active" label={label('active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="violation" label={label('violation')} rules={rules.required(label('violation'))}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="violatedProvision" label={label('violatedProvision')} rules={rules.required(label('violatedProvision'))}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="penaltyProvision" label={label('penaltyProvision')} rules={rules.required(label('penaltyProvision'))}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{label('levels')}</Typography.Title>
        <Form.List
          name="levels"
          rules={[
            {
              validator: async (_, levels?: unknown[]) => {
                if (!levels?.length) throw new Error(label('levelsRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Space direction="vertical" size={8} style={{ width: '100%' }}>
              {fields.map((field) => (
                <Card key={field.key} size="small" data-testid="rule-level" extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />}>
                  <Row gutter={12}>
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'level']} label={label('level')} rules={rules.selectRequired(label('level'))}>
                        <Select options={levelOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={18}>
                      <Form.Item name={[field.name, 'circumstances']} label={label('circumstances')} rules={rules.required(label('circumstances'))}>
                        <Input maxLength={500} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[field.name, 'penaltyTypes']} label={label('penaltyTypes')}>
                        <Select mode="multiple" options={penaltyOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'fineMin']} label={label('fineMin')}>
                        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'fineMax']} label={label('fineMax')}>
                        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item name={[field.name, 'fineRule']} label={label('fineRule')} style={{ marginBottom: 0 }}>
                        <Input maxLength={200} placeholder={label('fineRuleHint')} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add(blankLevel())} block type="dashed">
                {label('addLevel')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Space>
          )}
        </Form.List>
      </FormModal>
    </Card>
  );
}
