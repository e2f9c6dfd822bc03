import { api } from '../../api/client';
import type { BodyOf, Enterprise, ListResult, PageQuery, ResponseOf } from '../../api/types';

// The enterprise account's types, from the generated OpenAPI schema (it reads the staff routes, answered with its own rows).
export type MyLicence = ResponseOf<'/api/licences/{id}', 'get'>;
export type MyTransition = ResponseOf<'/api/licences/{id}/transitions', 'get'>['items'][number];
export type MyLicenceDocument = ResponseOf<'/api/licences/{id}/documents', 'get'>['items'][number];
export type MyTaskSummary = ResponseOf<'/api/inspection-tasks', 'get'>['items'][number];
export type MyTask = ResponseOf<'/api/inspection-tasks/{id}', 'get'>;
export type MyOrder = MyTask['rectificationOrders'][number];
export type Commitment = ResponseOf<'/api/commitments', 'get'>['items'][number];
export type CommitmentKind = Commitment['kind'];
export type CommitmentTemplate = ResponseOf<'/api/commitment-templates', 'get'>['items'][number];
export type CommitmentInput = BodyOf<'/api/commitments', 'post'>;
export type MyDraw = ResponseOf<'/api/my/draws', 'get'>['items'][number];

/** The kinds in the order the form offers them. */
export const COMMITMENT_KINDS = ['production', 'equipment_user', 'metrology', 'service', 'other'] as const satisfies readonly CommitmentKind[];

/** A commitment is in force until withdrawn. */
export const isActive = (c: Commitment) => !c.withdrawnOn;

const licencePath = (id: string) => `/api/licences/${encodeURIComponent(id)}`;

export const enterpriseSelfApi = {
  enterprise: () => api.get<Enterprise>('/api/my/enterprise'),
  licences: (query: PageQuery) => api.get<ListResult<MyLicence>>('/api/licences', query),
  licence: (id: string) => api.get<MyLicence>(licencePath(id)),
  timeline: (id: string) => api.get<ListResult<MyTransition>>(`${licencePath(id)}/transitions`),
  documents: (id: string) => api.get<ListResult<MyLicenceDocument>>(`${licencePath(id)}/documents`),
  documentUrl: (licenceId: string, documentId: string) => `${licencePath(licenceId)}/documents/${encodeURIComponent(documentId)}`,
  tasks: (query: PageQuery) => api.get<ListResult<MyTaskSummary>>('/api/inspection-tasks', query),
  task: (id: string) => api.get<MyTask>(`/api/inspection-tasks/${encodeURIComponent(id)}`),
  photoUrl: (taskId: string, photoId: string) => `/api/inspection-tasks/${encodeURIComponent(taskId)}/photos/${encodeURIComponent(photoId)}`,
  orderDocumentUrl: (orderId: string) => `/api/rectification-orders/${encodeURIComponent(orderId)}/document`,
  /** The rectification report with its attachments (photos, PDF), as multipart. */
  report: (orderId: string, input: { reportText: string; reportedOn: string; files: File[] }) => {
    const form = new FormData();
    form.append('reportText', input.reportText);
    form.append('reportedOn', input.reportedOn);
    for (const file of input.files) form.append('files', file, file.name);
    return api.postForm<MyTask>(`/api/rectification-orders/${encodeURIComponent(orderId)}/report`, form);
  },
  commitments: (uscc: string) => api.get<ListResult<Commitment>>('/api/commitments', { uscc, pageSize: 100 }),
  templates: () => api.get<ListResult<CommitmentTemplate>>('/api/commitment-templates'),
  commit: (input: CommitmentInput) => api.post<Commitment>('/api/commitments', input),
  withdraw: (c: Commitment) => api.post<Commitment>(`/api/commitments/${encodeURIComponent(c.id)}/withdraw`, {}, c.version),
  draws: (query: PageQuery) => api.get<ListResult<MyDraw>>('/api/my/draws', query),
};
