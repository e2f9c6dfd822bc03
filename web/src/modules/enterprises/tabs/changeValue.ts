import { useTranslation } from 'react-i18next';
import { withNote } from '../../../app/i18n/punctuation';
import type { EnterpriseChange, EnterpriseContact } from '../../../api/types';
import { useRegions } from '../../regions';

const isContact = (v: unknown): v is EnterpriseContact =>
  typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string';

/** Labels for the fields of a history change, and readable before/after values. */
export function useChangeFormatter() {
  const { t } = useTranslation();
  const regions = useRegions();

  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (field === 'status' && typeof v === 'string') return t(`enterpriseStatus.${v}`, { defaultValue: v });
    if (field === 'creditClass' && typeof v === 'string') return t('enterprises.creditClassValue', { value: v });
    if (field === 'regionCode' && typeof v === 'string') return withNote(t, regions.nameOf(v), v);
    if (Array.isArray(v)) {
      if (!v.length) return '—';
      return v
        .map((item) => (isContact(item) ? [item.name, item.role, item.phone, item.email].filter(Boolean).join(' ') : value('', item)))
        .join(t('common.clauseSeparator'));
    }
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };

  return {
    field: (field: string) => t(`enterprises.fieldLabel.${field}`, { defaultValue: field }),
    value,
    /** Changes that show a difference (the server also lists e.g. null → [] on creation). */
    visible: (changes: EnterpriseChange[]) => changes.filter((c) => value(c.field, c.before) !== value(c.field, c.after)),
  };
}
