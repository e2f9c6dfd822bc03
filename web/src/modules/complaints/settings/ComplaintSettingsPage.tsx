import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale } from '../../../api/client';
import { FormModal } from '../../../app/components/FormModal';
import { useNotifyError } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useAsync } from '../../../app/hooks/useAsync';
import { useOrgs } from '../../orgs';
import '../complaints.pages.i18n';
import { complaintsApi, type Category, type RewardRules, type Topic } from '../complaints.api';
import { useTopics, type TopicLookup } from '../labels';

function TopicsTab({ lookup }: { lookup: TopicLookup }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const orgs = useOrgs();
  const sections = orgs.orgs.filter((o) => o.type === 'city_section').map((o) => ({ value: o.id, label: o.name }));
  const sectionName = (id: string | null) => orgs.orgs.find((o) => o.id === id)?.name ?? t('complaints.noSection');
  const [editing, setEditing] = useState<Topic | null>(null);
  const columns: TableColumnsType<Topic> = [
    { title: t('complaints.topicKey'), dataIndex: 'key', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('complaints.topicName'), dataIndex: 'name' },
    { title: t('complaints.section'), dataIndex: 'sectionId', render: (v: string | null, x) => x.sectionName ?? sectionName(v) },
    { title: t('common.actions'), key: 'a', render: (_: unknown, x) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(x)}>{t('common.edit')}</Button> },
  ];
  return (
    <>
      <Table<Topic> size="middle" rowKey="key" columns={columns} dataSource={lookup.topics} loading={lookup.loading} pagination={false} scroll={{ x: 'max-content' }} data-testid="topics-table" />
      <FormModal<{ name: string; nameEn: string; sectionId?: string | null }>
        open={editing !== null}
        title={t('complaints.editTopic')}
        initialValues={editing ? { name: editing.name, nameEn: editing.nameEn, sectionId: editing.sectionId ?? undefined } : undefined}
        onClose={() => setEditing(null)}
        onStale={lookup.reload}
        onSubmit={async (v) => {
          if (!editing) return;
          await complaintsApi.updateTopic(editing, { name: v.name.trim(), nameEn: v.nameEn.trim(), sectionId: v.sectionId ?? null });
          void message.success(t('common.saved'));
          lookup.reload();
        }}
      >
        <Form.Item name="name" label={t('complaints.topicName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaints.topicName') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('complaints.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaints.nameEn') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="sectionId" label={t('complaints.section')} extra={t('complaints.sectionHint')}>
          <Select allowClear options={sections} loading={orgs.loading} />
        </Form.Item>
      </FormModal>
    </>
  );
}

type CategoryValues = { key: string; name: string; nameEn: string; topic: string; urgent: boolean; active: boolean };

function CategoriesTab({ lookup }: { lookup: TopicLookup }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const columns: TableColumnsType<Category> = [
    { title: t('complaints.categoryName'), dataIndex: 'name', render: (v: string, c) => <Space size={4}>{v}{c.urgent && <Tag color="red">{t('complaints.urgent')}</Tag>}</Space> },
    { title: t('complaints.topic'), dataIndex: 'topic', render: (v: string) => lookup.topicName(v) },
    { title: t('complaints.active'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">{t('complaints.activeYes')}</Tag> : <Tag>{t('complaints.activeNo')}</Tag>) },
    { title: t('common.actions'), key: 'a', render: (_: unknown, c) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)}>{t('common.edit')}</Button> },
  ];
  const current = editing === 'new' ? null : editing;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('complaints.addCategory')}
        </Button>
      </Space>
      <Table<Category> size="middle" rowKey="key" columns={columns} dataSource={lookup.categories} loading={lookup.loading} pagination={false} scroll={{ x: 'max-content' }} data-testid="categories-table" />
      <FormModal<CategoryValues>
        open={editing !== null}
        title={current ? t('complaints.editCategory') : t('complaints.addCategory')}
        initialValues={current ? { name: current.name, nameEn: current.nameEn, topic: current.topic, urgent: current.urgent, active: current.active } : { urgent: false, active: true }}
        onClose={() => setEditing(null)}
        onStale={lookup.reload}
        onSubmit={async (v) => {
          const input = { name: v.name.trim(), nameEn: v.nameEn.trim(), topic: v.topic, urgent: v.urgent };
          if (current) await complaintsApi.updateCategory(current, { ...input, active: v.active });
          else await complaintsApi.createCategory({ ...input, key: v.key.trim() });
          void message.success(t('common.saved'));
          lookup.reload();
        }}
      >
        {!current && (
          <Form.Item name="key" label={t('complaints.categoryKey')} rules={[{ required: true, message: t('common.required', { field: t('complaints.categoryKey') }) }, { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('complaints.categoryKeyFormat') }]}>
            <Input maxLength={40} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('complaints.categoryName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaints.categoryName') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('complaints.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaints.nameEn') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="topic" label={t('complaints.topic')} rules={[{ required: true, message: t('common.selectRequired', { field: t('complaints.topic') }) }]}>
          <Select options={lookup.topicOptions} />
        </Form.Item>
        <Form.Item name="urgent" label={t('complaints.urgentCategory')} valuePropName="checked" extra={t('complaints.urgentCategoryHint')}>
          <Switch />
        </Form.Item>
        {current && (
          <Form.Item name="active" label={t('complaints.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </FormModal>
    </>
  );
}

function RewardRulesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { data, loading, reload } = useAsync(complaintsApi.rewardRules);
  const [form] = Form.useForm<RewardRules>();
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('mode', form);
  useEffect(() => {
    if (data) form.setFieldsValue({ mode: data.mode, percent: data.percent, min: data.min, max: data.max, scale: data.scale });
  }, [data, form]);
  const save = async (v: RewardRules) => {
    setSaving(true);
    try {
      await complaintsApi.saveRewardRules({ mode: v.mode, percent: v.percent, min: v.min, max: v.max, scale: (v.scale ?? []).map((s) => ({ level: s.level.trim(), name: s.name.trim(), amount: s.amount })) }, data?.version);
      void message.success(t('complaints.rulesSaved'));
      reload();
    } catch (err) {
      if (isStale(err)) reload();
      notifyError(err);
    } finally {
      setSaving(false);
    }
  };
  const num = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Card loading={loading && !data} variant="borderless" styles={{ body: { padding: 0 } }}>
      {data && (
        <Typography.Paragraph type="secondary">
          {t('complaints.rulesVersion', { version: data.version, at: formatDateTime(data.createdAt) })}
        </Typography.Paragraph>
      )}
      <Form<RewardRules> form={form} layout="vertical" name="reward-rules" onFinish={(v) => void save(v)} style={{ maxWidth: 720 }} initialValues={{ mode: 'fine_percent', percent: 5, min: 200, max: 100000, scale: [] }}>
        <Form.Item name="mode" label={t('complaints.rewardMode')}>
          <Radio.Group>
            <Radio value="fine_percent">{t('complaints.rewardModes.fine_percent')}</Radio>
            <Radio value="scale">{t('complaints.rewardModes.scale')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Space wrap size={16} align="start" style={{ display: 'flex' }}>
          <Form.Item name="percent" label={t('complaints.rewardPercent')} rules={num(t('complaints.rewardPercent'))}>
            <InputNumber min={0} max={100} precision={2} addonAfter="%" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="min" label={t('complaints.rewardMin')} rules={num(t('complaints.rewardMin'))}>
            <InputNumber min={0} precision={2} addonAfter={t('complaints.yuan')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="max" label={t('complaints.rewardMax')} rules={num(t('complaints.rewardMax'))}>
            <InputNumber min={0} precision={2} addonAfter={t('complaints.yuan')} style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t('complaints.rewardScale')}</Typography.Text>
        {mode === 'scale' && <Typography.Paragraph type="secondary">{t('complaints.rewardScaleHint')}</Typography.Paragraph>}
        <Form.List name="scale">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }} data-testid="reward-scale">
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'level']} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaints.rewardLevelKey') }) }]}>
                    <Input placeholder={t('complaints.rewardLevelKey')} maxLength={20} style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaints.rewardLevelName') }) }]}>
                    <Input placeholder={t('complaints.rewardLevelName')} maxLength={50} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: t('common.required', { field: t('complaints.rewardAmount') }) }]}>
                    <InputNumber min={0} precision={2} addonAfter={t('complaints.yuan')} placeholder={t('complaints.rewardAmount')} style={{ width: 180 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ level: '', name: '', amount: 0 })}>
                {t('complaints.addLevel')}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item style={{ marginTop: 16 }} extra={t('complaints.rulesNewVersion')}>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('complaints.saveRules')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** 投诉举报设置: topics (→ city section), marked categories (urgent ones), and the reward rules (saved as a new version). */
export function ComplaintSettingsPage() {
  const { t } = useTranslation();
  const lookup = useTopics();
  return (
    <Card title={t('complaints.settingsTitle')}>
      <Tabs
        items={[
          { key: 'topics', label: t('complaints.topics'), children: <TopicsTab lookup={lookup} /> },
          { key: 'categories', label: t('complaints.categories'), children: <CategoriesTab lookup={lookup} /> },
          { key: 'rewards', label: t('complaints.rewardRules'), children: <RewardRulesTab /> },
        ]}
      />
    </Card>
  );
}
