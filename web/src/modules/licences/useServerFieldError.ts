import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

export interface ServerFieldErrorOf<F extends string> {
  field: F;
  message: string;
}

/**
 * For a dialog whose field names match the API's: `guard(save)` runs the save, and a server error
 * naming one of `fields` in `details.field` (DUPLICATE → number, ENTERPRISE_UNKNOWN → uscc…) becomes
 * `error`, for <ServerFieldError>, while the dialog stays open.
 */
export function useServerFieldError<F extends string>(fields: readonly F[]) {
  const { t } = useTranslation();
  const [error, setError] = useState<ServerFieldErrorOf<F> | null>(null);

  const guard = async <T,>(save: () => Promise<T>): Promise<T> => {
    try {
      return await save();
    } catch (err) {
      const named = err instanceof ApiError ? (err.details as { field?: unknown } | null | undefined)?.field : undefined;
      const field = fields.find((f) => f === named);
      if (!field) throw err;
      setError({ field, message: (err as ApiError).message });
      // keeps the dialog open; the message itself is shown under the field
      throw new Error(t('enterprises.fixFieldError'));
    }
  };

  return { error, clear: () => setError(null), guard };
}
