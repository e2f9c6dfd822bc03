import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import type { MyRepair } from './portal.api';
import './portal.staff.i18n';

const REPAIR_COLOR = { pending: 'processing', granted: 'success', refused: 'error' } as const;

/** The repair conditions the system checked (time listed, penalties paid, no new serious violation, commitment), each met or not, with its detail. */
export function RepairConditions({ conditions }: { conditions: MyRepair['conditions'] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      split={false}
      dataSource={conditions}
      rowKey={(c) => c.key}
      data-testid="repair-conditions"
      renderItem={(c) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Space align="start" size={8}>
            {c.met ? <CheckCircleFilled style={{ color: '#237804' }} aria-hidden /> : <CloseCircleFilled style={{ color: '#a8071a' }} aria-hidden />}
            <span>
              <Typography.Text strong>{t(`portal.my.conditions.${c.key}`)}</Typography.Text>
              <Typography.Text type={c.met ? 'success' : 'danger'}> {t(c.met ? 'portal.my.met' : 'portal.my.notMet')}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{c.detail}</Typography.Text>
            </span>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** One repair application: when, its status, the conditions checked and the decision's reason. */
export function RepairView({ repair }: { repair: MyRepair }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`portal.my.${key}`);
  return (
    <Card size="small" data-testid="my-repair" title={<h3 style={{ fontSize: 15, margin: 0 }}>{label('repair')}</h3>} extra={<Tag color={REPAIR_COLOR[repair.status]}>{t(`portal.my.repairStatuses.${repair.status}`)}</Tag>}>
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {label('appliedAt')} {formatDateTime(repair.appliedAt)}
          {repair.decidedAt ? ` · ${label('decidedAt')} ${formatDateTime(repair.decidedAt)}` : ''}
        </Typography.Text>
        <div>
          <Typography.Text type="secondary">{label('statement')}：</Typography.Text>
          {repair.statement}
        </div>
        <div>
          <Typography.Text type="secondary">{label('commitment')}：</Typography.Text>
          {repair.commitment}
        </div>
        <RepairConditions conditions={repair.conditions} />
        {repair.decisionReason && (
          <div>
            <Typography.Text type="secondary">{label('decisionReason')}：</Typography.Text>
            {repair.decisionReason}
          </div>
        )}
      </Space>
    </Card>
  );
}
