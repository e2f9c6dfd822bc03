import { Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { archivePath, casePath, listingPath, type Condition, type ListingStatus, type RatingState, type RepairStatus } from './credit.api';
import './credit.pages.i18n';

export { CreditClassTag } from '../enterprises';

/** A score with at most two decimals. */
export const points = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** Points with their sign: +3, −8.5, 0. */
export function SignedPoints({ value }: { value: number }) {
  const text = value > 0 ? `+${points(value)}` : value < 0 ? `−${points(-value)}` : '0';
  return <span style={{ color: value < 0 ? '#cf1322' : value > 0 ? '#389e0d' : undefined, whiteSpace: 'nowrap' }}>{text}</span>;
}

const LISTING_COLORS: Record<ListingStatus, string> = { proposed: 'blue', noticed: 'gold', listed: 'red', not_listed: 'default', removed: 'default' };

export function ListingStatusTag({ status }: { status: ListingStatus }) {
  const { t } = useTranslation();
  return <Tag color={LISTING_COLORS[status]}>{t(`credit.listingStatuses.${status}`)}</Tag>;
}

const REPAIR_COLORS: Record<RepairStatus, string> = { pending: 'processing', granted: 'green', refused: 'default' };

export function RepairStatusTag({ status }: { status: RepairStatus }) {
  const { t } = useTranslation();
  return <Tag color={REPAIR_COLORS[status]}>{t(`credit.repairStatuses.${status}`)}</Tag>;
}

const RATING_COLORS: Record<RatingState, string> = { in_force: 'green', expired: 'default', withdrawn: 'default' };

export function RatingStateTag({ state }: { state: RatingState }) {
  const { t } = useTranslation();
  return <Tag color={RATING_COLORS[state]}>{t(`credit.ratingStates.${state}`)}</Tag>;
}

/** 已列入失信名单 (the class is D while listed). */
export function ListedTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" data-testid="listed-tag">
      {t('credit.listedTag')}
    </Tag>
  );
}

/** The record behind a reason or a timeline entry: the page of its module when the user may open it. */
const REF_PAGES: Record<string, { path: (id: string) => string; permission: string }> = {
  case: { path: casePath, permission: 'case.read' },
  complaint: { path: (id) => `/complaints/${encodeURIComponent(id)}`, permission: 'complaint.read' },
  licence: { path: (id) => `/licences/${encodeURIComponent(id)}`, permission: 'licence.read' },
  inspection_task: { path: (id) => `/inspection-tasks/${encodeURIComponent(id)}`, permission: 'inspection.read' },
  spotcheck_sample: { path: (id) => `/spotcheck-samples/${encodeURIComponent(id)}`, permission: 'spotcheck.read' },
  equipment_unit: { path: (id) => `/equipment/${encodeURIComponent(id)}`, permission: 'equipment.read' },
  equipment_hazard: { path: (id) => `/equipment/hazards/${encodeURIComponent(id)}`, permission: 'equipment.read' },
  credit_listing: { path: listingPath, permission: 'credit.read' },
};

export function RefLink({ value: r }: { value: { type: string; id: string } | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (!r) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const label = t(`credit.refTypes.${r.type}`, { defaultValue: r.type });
  const target = REF_PAGES[r.type];
  if (!target || !can(target.permission)) return <span>{label}</span>;
  return <Link to={target.path(r.id)}>{label}</Link>;
}

/** An enterprise as a link to its credit archive. */
export function EnterpriseLink({ uscc, name }: { uscc: string; name: string }) {
  return (
    <Space direction="vertical" size={0}>
      <Link to={archivePath(uscc)}>{name}</Link>
      <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
        {uscc}
      </Typography.Text>
    </Space>
  );
}

/** The system's check of one repair condition: met or not, with its detail. */
export function ConditionLine({ condition: c }: { condition: Condition }) {
  const { t } = useTranslation();
  return (
    <Space align="start" data-testid={`condition-${c.key}`}>
      {c.met ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
      <span>
        <Typography.Text strong>{t(`credit.conditions.${c.key}`)}</Typography.Text>
        {t('common.colon')}
        {c.met ? t('credit.conditionMet') : t('credit.conditionUnmet')}
        <br />
        <Typography.Text type="secondary">{c.detail}</Typography.Text>
      </span>
    </Space>
  );
}
