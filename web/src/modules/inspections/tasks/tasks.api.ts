import { api } from '../../../api/client';
import type { BodyOf, ListResult, QueryOf, ResponseOf } from '../../../api/types';

// The inspection-task API's types, derived from the generated OpenAPI schema like those in api/types.ts.
export type TaskSummary = ResponseOf<'/api/inspection-tasks', 'get'>['items'][number];
export type Task = ResponseOf<'/api/inspection-tasks/{id}', 'get'>;
export type TaskQuery = QueryOf<'/api/inspection-tasks', 'get'>;
export type TaskState = Task['state'];
export type TaskOrigin = Task['origin'];
export type TaskQuestion = Task['checklist'][number];
export type TaskAnswer = Task['answers'][string];
export type AnswerValue = TaskAnswer['value'];
export type TaskFinding = Task['findings'][number];
export type TaskPhoto = Task['photos'][number];
export type UploadedPhoto = ResponseOf<'/api/inspection-tasks/{id}/photos', 'post'>;
export type RectificationOrder = Task['rectificationOrders'][number];
export type CreateTaskInput = BodyOf<'/api/inspection-tasks', 'post'>;
export type EligibleInspector = ResponseOf<'/api/inspection-tasks/eligible-inspectors', 'get'>['items'][number];
export type SubmitInput = BodyOf<'/api/inspection-tasks/{id}/submit', 'post'>;
export type ExtraFinding = NonNullable<SubmitInput['findings']>[number];
export type RectifyInput = BodyOf<'/api/inspection-tasks/{id}/rectification-orders', 'post'>;
export type ReportInput = BodyOf<'/api/rectification-orders/{id}/report', 'post'>;
export type RecheckInput = BodyOf<'/api/rectification-orders/{id}/recheck', 'post'>;
export type CompleteInput = BodyOf<'/api/inspection-tasks/{id}/complete', 'post'>;
export type PublicResult = ResponseOf<'/api/public/inspection-results', 'get'>['items'][number];
export type PublicResultQuery = QueryOf<'/api/public/inspection-results', 'get'>;

const enc = encodeURIComponent;
const path = (id: string) => `/api/inspection-tasks/${enc(id)}`;
const orderPath = (id: string) => `/api/rectification-orders/${enc(id)}`;

export const taskPath = (id: string) => `/inspection-tasks/${enc(id)}`;

export const tasksApi = {
  list: (query: TaskQuery) => api.get<ListResult<TaskSummary>>('/api/inspection-tasks', query),
  get: (id: string) => api.get<Task>(path(id)),
  create: (input: CreateTaskInput) => api.post<Task>('/api/inspection-tasks', input),
  /** Who may inspect this enterprise for this item (a task without a draw); the others with their exclusion rule. */
  eligibleInspectors: (itemId: string, uscc: string) => api.get<ListResult<EligibleInspector>>('/api/inspection-tasks/eligible-inspectors', { itemId, uscc }),
  /** Every change of a task takes the task's `version` as loaded (If-Match). */
  saveAnswers: (id: string, answers: Task['answers'], version?: number) => api.put<Task>(`${path(id)}/answers`, { answers }, version),
  submit: (id: string, input: SubmitInput, version?: number) => api.post<Task>(`${path(id)}/submit`, input, version),
  /**
   * A site photo (jpg/png ≤ 20 MB); with `questionKey` it joins that question's answer on the
   * server at once. The fields go before the file, as the server reads them in order.
   */
  uploadPhoto: (id: string, file: File, caption?: string, questionKey?: string) => {
    const form = new FormData();
    if (caption) form.append('caption', caption);
    if (questionKey) form.append('questionKey', questionKey);
    form.append('file', file);
    return api.postForm<UploadedPhoto>(`${path(id)}/photos`, form);
  },
  /** Deletes a photo taken by mistake (before the checklist is submitted). */
  deletePhoto: (id: string, photoId: string, version?: number) => api.del(`${path(id)}/photos/${enc(photoId)}`, version),
  /** The photo itself, for an <img src> (the browser sends the session cookie). */
  photoUrl: (id: string, photoId: string) => `${path(id)}/photos/${enc(photoId)}`,
  rectify: (id: string, input: RectifyInput, version?: number) => api.post<Task>(`${path(id)}/rectification-orders`, input, version),
  report: (orderId: string, input: ReportInput, version?: number) => api.post<Task>(`${orderPath(orderId)}/report`, input, version),
  recheck: (orderId: string, input: RecheckInput, version?: number) => api.post<Task>(`${orderPath(orderId)}/recheck`, input, version),
  complete: (id: string, input: CompleteInput, version?: number) => api.post<Task>(`${path(id)}/complete`, input, version),
  publish: (ids: string[]) => api.post<{ published: number }>('/api/inspection-tasks/publish', { ids }),
  /** The 责令整改通知书 (.docx), as a download link. */
  orderDocumentUrl: (orderId: string) => `${orderPath(orderId)}/document`,
};

/** No login needed: the published results; rate-limited per client (429). */
export const publicResultsApi = {
  list: (query: PublicResultQuery) => api.get<ListResult<PublicResult>>('/api/public/inspection-results', query),
};
