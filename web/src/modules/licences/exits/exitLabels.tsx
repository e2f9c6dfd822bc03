import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Exit, ExitKind, ExitStage, LawArea } from './exits.api';
import { todayInChina } from '../../../app/format';
import { UncertainMark } from '../../../app/components/UncertainMark';
import './exits.pages.i18n';

export const exitPath = (id: string) => `/licence-exits/${encodeURIComponent(id)}`;

// Records make the compiler insist on every value (and their keys list them for the filters).
const STAGE_COLOR: Record<ExitStage, string> = { investigating: 'blue', deciding: 'orange', closed: 'default' };
const KINDS: Record<ExitKind, true> = { conditions_lost: true, closure: true, serious_violation: true };
const LAW_AREAS: Record<LawArea, true> = { price: true, tax: true, real_estate: true, product_quality: true, labour: true };

/** The stage, and whether a decision awaits a section head's approval. */
export function ExitStageTag({ exit }: { exit: Pick<Exit, 'stage' | 'awaitingApproval'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STAGE_COLOR[exit.stage]}>{t(`exits.stages.${exit.stage}`)}</Tag>
      {exit.awaitingApproval && <Tag color="gold">{t('exits.awaitingApproval')}</Tag>}
    </Space>
  );
}

/** The investigation deadline, flagged once it has passed while the investigation is still open. */
export function InvestigationDue({ exit }: { exit: Pick<Exit, 'stage' | 'investigationDueOn' | 'investigationDueCertain'> }) {
  const { t } = useTranslation();
  if (!exit.investigationDueOn) return <>—</>;
  const overdue = exit.stage === 'investigating' && exit.investigationDueOn < todayInChina().format('YYYY-MM-DD');
  return (
    <Space size={4}>
      {exit.investigationDueOn}
      <UncertainMark certain={exit.investigationDueCertain} />
      {overdue && <Tag color="red">{t('exits.overdue')}</Tag>}
    </Space>
  );
}

/** Select options of the filters and forms. */
export function useExitOptions() {
  const { t } = useTranslation();
  return {
    stages: (Object.keys(STAGE_COLOR) as ExitStage[]).map((s) => ({ value: s, label: t(`exits.stages.${s}`) })),
    kinds: (Object.keys(KINDS) as ExitKind[]).map((k) => ({ value: k, label: t(`exits.kinds.${k}`) })),
    lawAreas: (Object.keys(LAW_AREAS) as LawArea[]).map((a) => ({ value: a, label: t(`exits.lawAreas.${a}`) })),
  };
}
