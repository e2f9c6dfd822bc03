import { api } from '../../api/client';
import type { EquipmentStatus } from './equipment.api';

/** The public look-up of one unit: nothing personal. */
export interface PublicUnit {
  registrationNo: string;
  category: string;
  categoryName: string;
  userName: string;
  status: EquipmentStatus;
  nextInspectionDue: string | null;
  overdue: boolean;
}

export const publicEquipmentApi = {
  /** No login; rate-limited per client (429 RATE_LIMITED). */
  unit: (registrationNo: string) => api.get<PublicUnit>(`/api/public/equipment/${encodeURIComponent(registrationNo)}`),
};
