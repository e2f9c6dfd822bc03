import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from './campaigns.api';
import './campaigns.pages.i18n';

const STATUS_COLORS: Record<CampaignStatus, string> = { planned: 'default', running: 'processing', finished: 'green' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`campaigns.statuses.${status}`, { defaultValue: status })}</Tag>;
}

export function StageTag({ stage }: { stage: string }) {
  const { t } = useTranslation();
  const color = stage === 'closed' ? 'green' : stage === 'declined' ? 'default' : stage === 'transferred' ? 'purple' : 'blue';
  return <Tag color={color}>{t(`campaigns.stages.${stage}`, { defaultValue: stage })}</Tag>;
}
