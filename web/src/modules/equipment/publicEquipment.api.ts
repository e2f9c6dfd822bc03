import { api } from '../../api/client';
import type { PublicEnterprise, ResponseOf } from '../../api/types';

/** The public look-up of one unit: nothing personal. */
export type PublicUnit = ResponseOf<'/api/public/equipment/{registrationNo}', 'get'>;
/** The public enterprise record's equipment section: units by top category and how many are overdue. */
export type PublicEquipmentRecord = PublicEnterprise['equipment'];

export const publicEquipmentApi = {
  /** No login; rate-limited per client (429 RATE_LIMITED). */
  unit: (registrationNo: string) => api.get<PublicUnit>(`/api/public/equipment/${encodeURIComponent(registrationNo)}`),
};
