import { Alert, App, Space, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelled } from '../../../app/i18n/punctuation';
import { isStale } from '../../../api/client';
import { errorText } from '../../../app/errorText';
import { useAsync } from '../../../app/hooks/useAsync';
import { licenceSettingsApi, type ApprovalRule } from './licenceSettings.api';
import '../licenceAdmin.pages.i18n';

/** One switch per measure: whether taking it needs a section head's approval. Each change is saved at once. */
export function ApprovalRulesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, loading, error, reload } = useAsync(licenceSettingsApi.approvalRules);
  const [saving, setSaving] = useState<string | null>(null);

  const toggle = async (rule: ApprovalRule, requiresApproval: boolean) => {
    setSaving(rule.to);
    try {
      await licenceSettingsApi.setApprovalRule(rule.to, requiresApproval, rule.version);
      void message.success(labelled(t, t(`licenceState.${rule.to}`), t(requiresApproval ? 'licenceAdmin.approvals.on' : 'licenceAdmin.approvals.off')));
      reload();
    } catch (err) {
      void message.error(errorText(err, t));
      if (isStale(err)) reload();
    } finally {
      setSaving(null);
    }
  };

  const columns: TableColumnsType<ApprovalRule> = [
    { title: t('licenceAdmin.approvals.target'), dataIndex: 'to', render: (to: ApprovalRule['to']) => t(`licenceState.${to}`) },
    {
      title: t('licenceAdmin.approvals.requiresApproval'),
      dataIndex: 'requiresApproval',
      width: 160,
      render: (on: boolean, rule) => (
        <Switch
          checked={on}
          loading={saving === rule.to}
          aria-label={`${t(`licenceState.${rule.to}`)} ${t('licenceAdmin.approvals.requiresApproval')}`}
          onChange={(checked) => void toggle(rule, checked)}
        />
      ),
    },
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('licenceAdmin.approvals.hint')} />
      <Table<ApprovalRule>
        rowKey="to"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={false}
        locale={error ? { emptyText: errorText(error, t) } : undefined}
        style={{ maxWidth: 640 }}
      />
    </Space>
  );
}
