/** The inspector dialog's form values and their conversion to and from the API's. */
import dayjs, { type Dayjs } from 'dayjs';
import type { Inspector, InspectorInput } from '../inspections.api';
import { cleanTags, mappedFieldError } from '../shared';

/** One period: from (required) and to (empty: until now). */
export type PeriodValue = [Dayjs, Dayjs | null];

export interface InspectorFormValues {
  userId: string;
  certificateNo: string;
  specialties: string[];
  activePeriods: PeriodValue[];
  conflicts: string[];
}

export const NEW_INSPECTOR: Partial<InspectorFormValues> = { specialties: [], activePeriods: [], conflicts: [] };

export function toInspectorValues(i: Inspector): InspectorFormValues {
  return {
    userId: i.userId,
    certificateNo: i.certificateNo,
    specialties: i.specialties,
    activePeriods: i.activePeriods.map((p) => [dayjs(p.from), p.to ? dayjs(p.to) : null]),
    conflicts: i.conflicts,
  };
}

export function toInspectorInput(v: InspectorFormValues): InspectorInput {
  return {
    certificateNo: v.certificateNo.trim(),
    specialties: cleanTags(v.specialties),
    activePeriods: (v.activePeriods ?? []).map(([from, to]) => ({ from: from.format('YYYY-MM-DD'), to: to ? to.format('YYYY-MM-DD') : null })),
    conflicts: cleanTags(v.conflicts).map((c) => c.replace(/\s/g, '').toUpperCase()),
  };
}

/** Server errors onto the dialog's fields; one about a period or a code goes under its list. */
export const inspectorFieldErrorOf = mappedFieldError<keyof InspectorFormValues>({
  certificateNo: 'certificateNo',
  specialties: 'specialties',
  activePeriods: 'activePeriods',
  conflicts: 'conflicts',
});
