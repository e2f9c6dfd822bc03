import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

/** A server error shown under the form field it is about. */
export interface FieldError<F extends string = string> {
  field: F;
  message: string;
}

/** For dialogs whose field names match the API's: the field an error names in `details.field`, if it is one of `fields`. */
export const namedFieldError =
  <F extends string>(fields: readonly F[]) =>
  (err: unknown): FieldError<F> | null => {
    if (!(err instanceof ApiError)) return null;
    const named = (err.details as { field?: unknown } | null | undefined)?.field;
    const field = fields.find((f) => f === named);
    return field ? { field, message: err.message } : null;
  };

/**
 * `guard(save)` runs a dialog's save; an error `fieldOf` places on a field becomes `error` (for
 * <ServerFieldError>) and keeps the dialog open; any other error goes on as it was.
 */
export function useServerFieldError<F extends string>(fieldOf: (err: unknown) => FieldError<F> | null) {
  const { t } = useTranslation();
  const [error, setError] = useState<FieldError<F> | null>(null);

  const guard = async <T,>(save: () => Promise<T>): Promise<T> => {
    try {
      return await save();
    } catch (err) {
      const onField = fieldOf(err);
      if (!onField) throw err;
      setError(onField);
      // keeps the dialog open; the message itself is shown under the field
      throw new Error(t('common.fixFieldError'));
    }
  };

  return { error, clear: () => setError(null), guard };
}
