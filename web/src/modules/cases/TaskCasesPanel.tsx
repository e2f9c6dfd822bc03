import { RelatedCasesCard } from './RelatedCasesCard';

/** 关联案件 on an inspection task's page: the cases opened on its findings, and 立案 (the task is the lead). */
export function TaskCasesPanel({ taskId }: { taskId: string }) {
  return <RelatedCasesCard source="inspection_finding" leadId={taskId} />;
}
