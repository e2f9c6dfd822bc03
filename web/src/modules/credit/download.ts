import { ApiError } from '../../api/client';
import { saveBlob } from './csv';

/**
 * Downloads a generated file (a report, a notice). Fetched rather than linked so that a refusal
 * (e.g. 503 PDF_FONT_MISSING) comes back as the server's error, shown by the caller.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText, body?.error?.details);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]!) : fallbackName;
  saveBlob(await res.blob(), name);
}
