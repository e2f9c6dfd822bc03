import { Progress, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { useAsync } from '../../app/hooks/useAsync';
import { spotchecksApi, type PlanKind, type PlanStatus, type ProductRow, type Reason } from './spotchecks.api';
import './spotchecks.pages.i18n';

/** An amount in yuan as the bureau writes it: 5,000 元. */
export const yuan = (v: number) => `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

/** A pass rate (0–1, as the server answers it) as a percentage with one decimal, or null when there were no batches. */
export function percentOf(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10;
}

export function PassRate({ rate, bar = false }: { rate: number | null | undefined; bar?: boolean }) {
  const { t } = useTranslation();
  const p = percentOf(rate);
  if (p === null) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  if (!bar) return <span style={{ color: p > 95 ? '#389e0d' : p < 80 ? '#cf1322' : undefined }}>{p}%</span>;
  return (
    <Progress
      percent={p}
      size="small"
      style={{ minWidth: 120, margin: 0 }}
      status={p < 80 ? 'exception' : 'normal'}
      strokeColor={p > 95 ? '#52c41a' : undefined}
      format={(v) => `${v}%`}
    />
  );
}

const PLAN_STATUS_COLORS: Record<PlanStatus, string> = { draft: 'gold', approved: 'green', closed: 'default' };

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <Tag color={PLAN_STATUS_COLORS[status]}>{t(`spotchecks.planStatuses.${status}`, { defaultValue: status })}</Tag>;
}

export function PlanKindTag({ kind }: { kind: PlanKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'special' ? 'purple' : 'blue'}>{t(`spotchecks.planKinds.${kind}`, { defaultValue: kind })}</Tag>;
}

/** The generator's reasons as tags, each with its full text in a tooltip (and readable in the row's expansion). */
export function ReasonTags({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {reasons.map((r, i) => (
        <Tooltip key={`${r.code}:${i}`} title={r.text}>
          <Tag color={r.code.startsWith('PASS_RATE') ? 'orange' : r.code.includes('BUDGET') ? 'red' : r.code === 'EDITED' || r.code === 'ADDED' ? 'purple' : 'geekblue'} style={{ cursor: 'help', marginInlineEnd: 0 }}>
            {t(`spotchecks.reasonCodes.${r.code}`, { defaultValue: r.code })}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** A product picked by code or name (searches the catalogue as one types; active products only). */
export function ProductSelect({ value, onChange, style, id }: { value?: string; onChange?: (id: string | undefined, product?: ProductRow) => void; style?: CSSProperties; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useAsync(() => spotchecksApi.products({ q: q.trim() || undefined, active: true, pageSize: 50 }), q);
  const items = found.data?.items ?? [];
  return (
    <Select<string>
      id={id}
      showSearch
      allowClear
      value={value}
      style={style}
      filterOption={false}
      onSearch={setQ}
      loading={found.loading}
      onChange={(v) => onChange?.(v, items.find((p) => p.id === v))}
      options={items.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
      placeholder={t('spotchecks.productSelectHint')}
      data-testid="product-select"
    />
  );
}

/** The sample per batch as the rule gives it: a fixed size, or GB/T 2828.1 at a level and AQL. */
export function sampleText(p: Pick<ProductRow, 'sampleSize' | 'sampleUnit' | 'inspectionLevel' | 'aql'>, t: TFunction): string {
  if (p.inspectionLevel && p.aql) return t('spotchecks.sampleByStandard', { level: p.inspectionLevel, aql: p.aql });
  if (p.sampleSize) return `${p.sampleSize} ${p.sampleUnit ?? ''}`.trim();
  return t('common.none');
}


/**
 * The city bureau plans (the server answers a county user 403 NOT_CITY): a staff user whose region
 * is the city's (a code ending in 00, as the server's scope reads it), not an institution's account.
 */
export function useMayPlan(): boolean {
  const { user, can } = useAuth();
  if (!user || user.enterpriseUscc || user.dataScope === 'org' || !can('spotcheck.plan')) return false;
  let prefix = user.regionCode;
  if (prefix.length === 6) while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix.length <= 4;
}
