import { forbidden } from '../http/errors.js';
import type { Actor } from './actor.js';

/**
 * The enterprise an enterprise's account acts for (企业端 routes: "my" records, commitments). Staff
 * and API keys get 403 — the administrator too, who holds every permission but is no enterprise.
 */
export function enterpriseOf(actor: Actor, message = '仅企业账号可用'): string {
  if (!actor.enterpriseUscc) throw forbidden(message);
  return actor.enterpriseUscc;
}
