import type { ServiceEnv } from '../../test/app.js';
import { makeEnterprise } from '../enterprises/testing.js';
import type { LicenceInput } from './licences.service.js';

let seq = 0;

/**
 * A licence in normal supervision held by a new enterprise of `regionCode` (default 320826),
 * issued as the test admin (test factory): an industrial product licence with a fresh number,
 * issued on 2024-03-01 by the provincial bureau; any field can be given.
 */
export async function makeLicence(env: ServiceEnv, fields: { regionCode?: string } & Partial<Omit<LicenceInput, 'uscc'>> = {}) {
  const { regionCode = '320826', ...input } = fields;
  const enterprise = await makeEnterprise(env, { regionCode });
  return env.services.licences.create(env.ctx, {
    uscc: enterprise.uscc,
    type: 'industrial_product',
    number: `XK-${Date.now()}-${++seq}`,
    scope: '电线电缆',
    issuedOn: '2024-03-01',
    issuer: '江苏省市场监督管理局',
    ...input,
  });
}

/** A .docx's text, and the input of an exit opened over a licence (tests of other modules and of platform/). */
export { docxText, exitInput } from './exits/testing.js';
/** The feedback service built with test dependencies (e.g. a fixed `today`). */
export { makeFeedbackService } from './feedback/feedback.service.js';
