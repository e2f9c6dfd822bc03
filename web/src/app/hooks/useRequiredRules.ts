import { useTranslation } from 'react-i18next';

/**
 * Form rules for a required field, the message naming the field (its label text): `required` for
 * text only (blank counts as empty; its string check fails on any other value), `selectRequired`
 * for a choice, a date or a number.
 */
export function useRequiredRules() {
  const { t } = useTranslation();
  return {
    required: (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }],
    selectRequired: (field: string) => [{ required: true, message: t('common.selectRequired', { field }) }],
  };
}
