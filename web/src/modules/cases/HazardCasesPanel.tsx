import { RelatedCasesCard } from './RelatedCasesCard';

/** 关联案件 on a special-equipment hazard's page: the cases opened on it, and 立案 (the hazard is the lead). */
export function HazardCasesPanel({ hazardId }: { hazardId: string }) {
  return <RelatedCasesCard source="equipment_hazard" leadId={hazardId} />;
}
