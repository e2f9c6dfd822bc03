import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DrawState } from './draws/drawRecord';
import type { AnswerType, PlanMode, Severity, TargetKind } from './inspections.api';
import './draws.pages.i18n';
import './configure.pages.i18n';
import './planning.pages.i18n';

// Records make the compiler insist on every value (and their keys list them for the selects).
const TARGET_KINDS: Record<TargetKind, true> = { enterprise: true, licence: true, equipment: true, standard_declaration: true };
const ANSWER_TYPES: Record<AnswerType, true> = { yes_no: true, text: true, number: true, photo: true };
const SEVERITY_COLOR: Record<Severity, string> = { minor: 'gold', major: 'orange', critical: 'red' };
const MODES: Record<PlanMode, true> = { ratio: true, fixed: true, all: true };
const DRAW_STATUS_COLOR: Record<DrawState, string> = { committed: 'processing', revealed: 'success', cancelled: 'default' };
/** The rules the draw records for an excluded inspector (server: draw/eligibility.ts). */
const RULES = ['inactive', 'region', 'specialty', 'conflict', 'last_time'] as const;
/** The server's name of the stratum of entities without a credit class. */
const UNCLASSIFIED = '未分类';

const keysOf = <K extends string>(record: Record<K, unknown>) => Object.keys(record) as K[];

/** Select options of the enumerations the pages edit. */
export function useInspectionOptions() {
  const { t } = useTranslation();
  return {
    targetKinds: keysOf(TARGET_KINDS).map((k) => ({ value: k, label: t(`inspections.targetKind.${k}`) })),
    answerTypes: keysOf(ANSWER_TYPES).map((a) => ({ value: a, label: t(`inspections.answerType.${a}`) })),
    severities: keysOf(SEVERITY_COLOR).map((s) => ({ value: s, label: t(`inspections.severity.${s}`) })),
    modes: keysOf(MODES).map((m) => ({ value: m, label: t(`inspectionPlans.plans.modes.${m}`) })),
  };
}

export function DrawStatusTag({ status }: { status: DrawState }) {
  const { t } = useTranslation();
  return <Tag color={DRAW_STATUS_COLOR[status]}>{t(`draws.status.${status}`)}</Tag>;
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLOR[severity]}>{t(`inspections.severity.${severity}`)}</Tag>;
}

/** Labels the record's codes: exclusion rules and stratum names (shown as they are when unknown). */
export function useDrawLabels() {
  const { t } = useTranslation();
  return {
    rule: (rule: string) => ((RULES as readonly string[]).includes(rule) ? t(`draws.rule.${rule}`) : rule),
    stratum: (name: string) => (name === UNCLASSIFIED ? t('draws.unclassified') : t('inspectionPlans.plans.ratio', { cls: name })),
  };
}
