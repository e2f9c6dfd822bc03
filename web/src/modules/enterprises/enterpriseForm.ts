/** Conversions between an enterprise, the dialog's form values and the API's inputs. */
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import type { FieldError } from '../../app/hooks/useServerFieldError';
import type {
  CreateEnterpriseInput,
  Enterprise,
  EnterpriseContact,
  EnterpriseStatus,
  UpdateEnterpriseInput,
} from '../../api/types';

export interface ContactValues {
  name?: string;
  phone?: string;
  email?: string;
  role?: string;
}

export interface EnterpriseFormValues {
  uscc: string;
  name: string;
  legalRepresentative?: string;
  address?: string;
  regionCode: string;
  industryCode?: string;
  status: EnterpriseStatus;
  establishedOn?: Dayjs | null;
  tags?: string[];
  contacts?: ContactValues[];
  override?: boolean;
  overrideReason?: string;
}

const text = (value: string | undefined) => value?.trim() || undefined;

export function toFormValues(e?: Enterprise): Partial<EnterpriseFormValues> {
  if (!e) return { status: 'active', tags: [], contacts: [] };
  return {
    uscc: e.uscc,
    name: e.name,
    legalRepresentative: e.legalRepresentative ?? undefined,
    address: e.address ?? undefined,
    regionCode: e.regionCode,
    industryCode: e.industryCode ?? undefined,
    status: e.status,
    establishedOn: e.establishedOn ? dayjs(e.establishedOn) : null,
    tags: e.tags,
    contacts: e.contacts,
  };
}

function contacts(values: ContactValues[] = []): EnterpriseContact[] {
  return values
    .filter((c) => text(c.name))
    .map((c) => ({ name: text(c.name)!, phone: text(c.phone), email: text(c.email), role: text(c.role) }));
}

/** The fields both create and update send; cleared optional texts are null so an update can clear them. */
function common(v: EnterpriseFormValues) {
  return {
    name: v.name.trim(),
    regionCode: v.regionCode,
    legalRepresentative: text(v.legalRepresentative) ?? null,
    address: text(v.address) ?? null,
    industryCode: text(v.industryCode)?.toUpperCase() ?? null,
    status: v.status,
    establishedOn: v.establishedOn ? v.establishedOn.format('YYYY-MM-DD') : null,
    tags: (v.tags ?? []).map((s) => s.trim()).filter(Boolean),
    contacts: contacts(v.contacts),
  };
}

const dropNulls = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, value]) => value !== null)) as { [K in keyof T]: Exclude<T[K], null> };

export function toCreateInput(v: EnterpriseFormValues): CreateEnterpriseInput {
  const reason = v.override ? text(v.overrideReason) : undefined;
  return {
    uscc: v.uscc.replace(/\s/g, '').toUpperCase(),
    ...dropNulls(common(v)),
    ...(reason ? { usccOverride: { reason } } : {}),
  };
}

export function toUpdateInput(v: EnterpriseFormValues): UpdateEnterpriseInput {
  return common(v);
}

/** Server error codes that belong to one field of the dialog (when `details.field` does not say). */
const FIELD_OF_CODE: Record<string, keyof EnterpriseFormValues> = {
  USCC_FORMAT: 'uscc',
  USCC_CHECK_DIGIT: 'uscc',
  DUPLICATE: 'uscc',
  REGION_UNKNOWN: 'regionCode',
};

/** The dialog's field for a server field name, if the dialog has that field. */
const FORM_FIELDS: Record<string, keyof EnterpriseFormValues> = {
  uscc: 'uscc',
  name: 'name',
  legalRepresentative: 'legalRepresentative',
  address: 'address',
  regionCode: 'regionCode',
  industryCode: 'industryCode',
  status: 'status',
  establishedOn: 'establishedOn',
  tags: 'tags',
  'usccOverride.reason': 'overrideReason',
};

/** The dialog field a server error is about (`details.field`, else by code), with the server's message. */
export function fieldErrorOf(err: unknown): FieldError<keyof EnterpriseFormValues> | null {
  if (!(err instanceof ApiError)) return null;
  const named = (err.details as { field?: unknown } | null | undefined)?.field;
  const field = (typeof named === 'string' ? FORM_FIELDS[named] : undefined) ?? FIELD_OF_CODE[err.code];
  return field ? { field, message: err.message } : null;
}
