// STUB (lead): the decision helper replaces this file, keeping the `CaseDocuments` members below.
import type { Db } from '../../../db/client.js';
import type { CasesDeps } from '../cases.deps.js';

/** The documents of a case (.docx from templates): 立案审批表, 询问笔录 (one per inquiry), 行政处罚告知书, 行政处罚决定书, 结案报告. */
export const CASE_DOCUMENT_KINDS = ['filing_approval', 'inquiry_record', 'penalty_notice', 'penalty_decision', 'closing_report'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

export interface RenderedDocument {
  kind: CaseDocumentKind;
  /** e.g. 立案审批表-AJ2026000012.docx */
  fileName: string;
  content: Buffer;
}

export function makeCaseDocuments(deps: CasesDeps) {
  void deps;
  return {
    /** One document of the case (`evidenceId` names the inquiry for `inquiry_record`); 409 DOCUMENT_NOT_AVAILABLE when the case has not reached its stage. No scope check: callers found the case first. */
    async render(tx: Db, caseId: string, kind: CaseDocumentKind, opts: { evidenceId?: string } = {}): Promise<RenderedDocument> {
      void tx, caseId, kind, opts;
      throw new Error('not implemented');
    },
    /** Every document the case has reached, in stage order (the police transfer's package). */
    async all(tx: Db, caseId: string): Promise<RenderedDocument[]> {
      void tx, caseId;
      throw new Error('not implemented');
    },
  };
}

export type CaseDocuments = ReturnType<typeof makeCaseDocuments>;
