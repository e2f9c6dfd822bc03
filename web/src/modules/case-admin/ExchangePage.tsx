import { Alert, App, Button, Card, Checkbox, Col, Form, Row, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { formatDateTime } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { useRequiredRules } from '../../app/hooks/useRequiredRules';
import { useOrgs } from '../orgs';
import { caseAdminApi, EXCHANGE_FIELDS, type ExchangeField, type ExchangeGrant, type GrantInput } from './caseAdmin.api';
import './caseAdmin.pages.i18n';

type GrantValues = Required<GrantInput> & { orgId: string };

/** 案件信息共享授权: per receiving department (an org of type department), the fields of case summaries its API keys may fetch. */
export function ExchangePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const rules = useRequiredRules();
  const orgs = useOrgs(can('org.read'));
  const { data, loading, reload } = useAsync(() => caseAdminApi.grants());
  const [editing, setEditing] = useState<ExchangeGrant | 'new' | null>(null);
  const label = (key: string) => t(`caseAdmin.exchange.${key}`);
  const fieldName = (f: string) => t(`caseAdmin.exchange.fieldNames.${f}`, { defaultValue: f });
  const departments = orgs.orgs.filter((o) => o.type === 'department');
  const granted = new Set((data?.items ?? []).map((g) => g.orgId));
  const orgName = (g: ExchangeGrant) => g.orgName;

  const columns: TableColumnsType<ExchangeGrant> = [
    { title: label('org'), dataIndex: 'orgId', render: (_: unknown, g) => orgName(g) },
    { title: label('fields'), dataIndex: 'fields', render: (v: ExchangeField[]) => v.map((f) => <Tag key={f}>{fieldName(f)}</Tag>) },
    { title: label('includeOpen'), dataIndex: 'includeOpen', className: 'zj-nowrap', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
    { title: label('active'), dataIndex: 'active', className: 'zj-nowrap', render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('common.yes') : t('common.no')}</Tag> },
    { title: label('updated'), key: 'updated', responsive: ['lg'], render: (_: unknown, g) => [g.updatedByName, formatDateTime(g.updatedAt)].filter(Boolean).join(' · ') },
    {
      title: t('common.actions'),
      key: 'actions',
      className: 'zj-nowrap',
      render: (_: unknown, g) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(g)}>
          {label('edit')}
        </Button>
      ),
    },
  ];

  const initial: Partial<GrantValues> =
    editing && editing !== 'new' ? { orgId: editing.orgId, fields: editing.fields, includeOpen: editing.includeOpen, active: editing.active } : { fields: ['caseNo', 'partyName', 'uscc', 'decidedOn', 'penaltyText'], includeOpen: false, active: true };

  return (
    <Card
      title={label('title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="grant-create">
          {label('grant')}
        </Button>
      }
    >
      <Alert type="info" showIcon message={label('intro')} style={{ marginBottom: 16 }} />
      {!orgs.loading && departments.length === 0 && <Alert type="warning" showIcon message={label('noDepartments')} style={{ marginBottom: 16 }} />}
      <Table<ExchangeGrant> data-testid="exchange-grants" size="middle" rowKey="orgId" columns={columns} dataSource={data?.items ?? []} loading={loading} pagination={false} scroll={{ x: 'max-content' }} />
      <FormModal<GrantValues>
        open={editing !== null}
        title={label('editTitle')}
        width={720}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onStale={reload}
        onSubmit={async (v) => {
          await caseAdminApi.putGrant(v.orgId, { fields: v.fields ?? [], includeOpen: v.includeOpen ?? false, active: v.active ?? true }, editing && editing !== 'new' ? editing.version : 0);
          void message.success(label('saved'));
          reload();
        }}
      >
        <Form.Item name="orgId" label={label('org')} extra={label('orgHint')} rules={rules.selectRequired(label('org'))}>
          <Select
            showSearch
            optionFilterProp="label"
            disabled={editing !== 'new'}
            loading={orgs.loading}
            options={departments.map((o) => ({ value: o.id, label: o.name, disabled: editing === 'new' && granted.has(o.id) }))}
          />
        </Form.Item>
        <Form.Item name="fields" label={label('fields')} rules={rules.selectRequired(label('fields'))}>
          <Checkbox.Group style={{ width: '100%' }}>
            <Row gutter={[8, 8]}>
              {EXCHANGE_FIELDS.map((f) => (
                <Col key={f} xs={12} sm={8}>
                  <Checkbox value={f}>{fieldName(f)}</Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="includeOpen" label={label('includeOpen')} valuePropName="checked" extra={<Typography.Text type="secondary">{label('includeOpenHint')}</Typography.Text>}>
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label={label('active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </Card>
  );
}
