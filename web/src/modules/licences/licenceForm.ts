/** The issue dialog's form values and their conversion to the API's input. */
import type { Dayjs } from 'dayjs';
import type { CreateLicenceInput } from './licences.api';

export interface LicenceFormValues {
  uscc: string;
  type: string;
  number: string;
  scope?: string;
  issuedOn: Dayjs;
  expiresOn?: Dayjs | null;
  issuer: string;
}

/** The dialog's fields, named as the API names them in `details.field`. */
export const LICENCE_FORM_FIELDS = ['uscc', 'type', 'number', 'scope', 'issuedOn', 'expiresOn', 'issuer'] as const satisfies readonly (keyof LicenceFormValues)[];

export function toCreateInput(v: LicenceFormValues): CreateLicenceInput {
  return {
    uscc: v.uscc.replace(/\s/g, '').toUpperCase(),
    type: v.type,
    number: v.number.trim(),
    scope: v.scope?.trim() || null,
    issuedOn: v.issuedOn.format('YYYY-MM-DD'),
    expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null,
    issuer: v.issuer.trim(),
  };
}
