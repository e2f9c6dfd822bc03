import { Button, Card, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { FormModal } from '../../app/components/FormModal';
import { formatDateTime } from '../../app/format';
import { creditApi, type Repair } from './credit.api';
import { ConditionLine, RepairStatusTag } from './labels';
import './credit.pages.i18n';

/** One credit-repair application: statement, commitment, the system's check of each condition, the decision. */
export function RepairCard({ repair: r, reload }: { repair: Repair; reload: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [deciding, setDeciding] = useState(false);
  const allMet = r.conditions.every((c) => c.met);
  return (
    <Card
      size="small"
      data-testid="repair-card"
      title={
        <Space wrap>
          {t('credit.repairOf', { at: formatDateTime(r.appliedAt), by: r.appliedByName })}
          <RepairStatusTag status={r.status} />
        </Space>
      }
      extra={
        r.status === 'pending' &&
        can('credit.decide') && (
          <Button type="primary" size="small" onClick={() => setDeciding(true)} data-testid="repair-decide">
            {t('credit.decideRepair')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('credit.statement')}>{r.statement}</Descriptions.Item>
        <Descriptions.Item label={t('credit.commitment')}>{r.commitment}</Descriptions.Item>
        <Descriptions.Item label={t('credit.conditionsTitle')}>
          <Space direction="vertical" size={4}>
            {r.conditions.map((c) => (
              <ConditionLine key={c.key} condition={c} />
            ))}
          </Space>
        </Descriptions.Item>
        {r.decidedAt && (
          <Descriptions.Item label={t('credit.decision')}>
            {t('credit.decidedLine', { by: r.decidedByName ?? '', at: formatDateTime(r.decidedAt) })}
            {r.decisionReason && <Typography.Paragraph style={{ margin: 0 }}>{r.decisionReason}</Typography.Paragraph>}
          </Descriptions.Item>
        )}
      </Descriptions>
      <FormModal<{ grant: boolean; reason?: string }>
        open={deciding}
        title={t('credit.decideRepairTitle')}
        initialValues={{ grant: allMet }}
        onClose={() => setDeciding(false)}
        onStale={reload}
        onSubmit={async (v) => {
          await creditApi.decideRepair(r, v.grant, v.reason?.trim() || null);
          reload();
        }}
      >
        {(form) => (
          <>
            <Form.Item name="grant" label={t('credit.decision')} extra={allMet ? undefined : t('credit.grantNeedsAll')}>
              <Radio.Group
                options={[
                  { value: true, label: t('credit.grant'), disabled: !allMet },
                  { value: false, label: t('credit.refuse') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() => (
                <Form.Item
                  name="reason"
                  label={t('credit.decisionReason')}
                  rules={[{ required: form.getFieldValue('grant') === false, whitespace: true, message: t('common.required', { field: t('credit.decisionReason') }) }]}
                >
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              )}
            </Form.Item>
          </>
        )}
      </FormModal>
    </Card>
  );
}
