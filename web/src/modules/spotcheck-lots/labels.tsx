import { Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '../../app/format';
import { useAsync } from '../../app/hooks/useAsync';
import { lotsApi, SCORE_PARTS, type ApplicationStatus, type InstitutionRecord, type LotStatus, type Reason, type Weights } from './spotcheckLots.api';
import './spotcheckLots.pages.i18n';

/** An amount in yuan as the bureau writes it: 5,000 元. */
export const yuan = (v: number) => `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

/** A score or weight with at most two decimals. */
export const points = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 2, minimumFractionDigits: 0 });

const LOT_COLORS: Record<LotStatus, string> = { open: 'blue', assigned: 'gold', drawn: 'green', closed: 'default' };

export function LotStatusTag({ status }: { status: LotStatus }) {
  const { t } = useTranslation();
  return <Tag color={LOT_COLORS[status]}>{t(`spotcheckLots.lotStatuses.${status}`, { defaultValue: status })}</Tag>;
}

const APP_COLORS: Record<ApplicationStatus, string> = { submitted: 'processing', chosen: 'green', not_chosen: 'default', withdrawn: 'default' };

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return <Tag color={APP_COLORS[status]}>{t(`spotcheckLots.appStatuses.${status}`, { defaultValue: status })}</Tag>;
}

/** Inside or outside the city. */
export function LocalTag({ local }: { local: boolean }) {
  const { t } = useTranslation();
  return <Tag color={local ? 'cyan' : 'purple'}>{t(local ? 'spotcheckLots.local' : 'spotcheckLots.outside')}</Tag>;
}

/** A product as code and name. */
export function ProductName({ code, name }: { code: string; name: string }) {
  return (
    <span>
      <span style={{ fontFamily: 'monospace' }}>{code}</span> {name}
    </span>
  );
}

/** A long hex value (commitment, hash), copyable, wrapping on a phone. */
export function Hex({ value }: { value: string }) {
  return (
    <Typography.Text code copyable={{ text: value }} style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>
      {value}
    </Typography.Text>
  );
}

/** The four weights of the score as tags: 报价 40 · 检验能力 30 …. */
export function WeightTags({ weights }: { weights: Weights }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap data-testid="score-weights">
      {SCORE_PARTS.map((p) => (
        <Tag key={p} color={weights[p] === 0 ? 'default' : 'geekblue'} style={{ marginInlineEnd: 0 }}>
          {t(`spotcheckLots.parts.${p}`)} {points(weights[p])}
        </Tag>
      ))}
    </Space>
  );
}

/** The choice's reasons (Chinese texts from the server), one per line. */
export function ReasonList({ reasons }: { reasons: Reason[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="selection-reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}:${i}`}>{r.text}</li>
      ))}
    </ul>
  );
}

/** A disqualification's reasons as red tags (their text in a tooltip). */
export function DisqualifiedTags({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {reasons.map((r, i) => (
        <Tooltip key={`${r.code}:${i}`} title={r.text}>
          <Tag color="red" style={{ marginInlineEnd: 0, cursor: 'help' }}>
            {t(`spotcheckLots.disqualifiedCodes.${r.code}`, { defaultValue: r.text })}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** An on-time rate (0–1) as a percentage, or "no history". */
export function OnTimeRate({ record }: { record: InstitutionRecord }) {
  const { t } = useTranslation();
  if (record.onTimeRate === null) return <Typography.Text type="secondary">{t('spotcheckLots.noRecord')}</Typography.Text>;
  const p = Math.round(record.onTimeRate * 1000) / 10;
  return (
    <Tooltip title={t('spotcheckLots.onTimeOf', { onTime: record.onTime, samples: record.samples })}>
      <span style={{ color: p < 80 ? '#cf1322' : p >= 95 ? '#389e0d' : undefined }}>{p}%</span>
    </Tooltip>
  );
}

/** The CMA validity: the day, red when passed, orange within 90 days. */
export function CmaValidity({ until }: { until: string }) {
  const { t } = useTranslation();
  const today = todayInChina();
  const day = dayjs(until);
  const expired = day.isBefore(today, 'day');
  const soon = !expired && day.diff(today, 'day') <= 90;
  return (
    <Space size={4}>
      <span>{until}</span>
      {expired && <Tag color="red">{t('spotcheckLots.cmaExpired')}</Tag>}
      {soon && <Tag color="orange">{t('spotcheckLots.cmaExpiring')}</Tag>}
    </Space>
  );
}

/** Product codes of the catalogue picked by code or name (the CMA scope); codes not found are kept as typed. */
export function ProductCodesSelect({ value, onChange, id, style }: { value?: string[]; onChange?: (codes: string[]) => void; id?: string; style?: CSSProperties }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useAsync(() => lotsApi.products(q.trim()), q);
  const options = (found.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }));
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      allowClear
      showSearch
      value={value}
      style={style}
      placeholder={t('spotcheckLots.scopePlaceholder')}
      filterOption={false}
      onSearch={setQ}
      onBlur={() => setQ('')}
      loading={found.loading}
      onChange={(codes) => onChange?.(codes)}
      options={options}
      optionLabelProp="value"
      data-testid="cma-scope-select"
    />
  );
}

/** A product of the catalogue picked by code or name (its id). */
export function ProductSelect({ value, onChange, id, style }: { value?: string; onChange?: (id: string | undefined) => void; id?: string; style?: CSSProperties }) {
  const [q, setQ] = useState('');
  const found = useAsync(() => lotsApi.products(q.trim()), q);
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
      onChange={(v) => onChange?.(v)}
      options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
      data-testid="lot-product-select"
    />
  );
}
