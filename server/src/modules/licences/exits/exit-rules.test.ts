import { describe, expect, it } from 'vitest';
import { allowedOutcomes, startStage } from './exit-rules.js';

const at = (kind: Parameters<typeof allowedOutcomes>[0]['kind'], justifiedReason: boolean | null = null) => ({ kind, stage: 'deciding' as const, justifiedReason, transitionId: null });

describe('exit rules', () => {
  it('investigates only when the holder may no longer meet the conditions', () => {
    expect(startStage('conditions_lost')).toBe('investigating');
    expect(startStage('closure')).toBe('deciding');
    expect(startStage('serious_violation')).toBe('deciding');
  });

  it('offers the decisions of each workflow, none outside the decision step or while one awaits approval', () => {
    expect(allowedOutcomes(at('conditions_lost'))).toEqual([]);
    expect(allowedOutcomes(at('conditions_lost', false))).toEqual(['revoked']);
    expect(allowedOutcomes(at('conditions_lost', true))).toEqual(['dismissed']);
    expect(allowedOutcomes(at('closure'))).toEqual(['cancelled', 'revoked', 'dismissed']);
    expect(allowedOutcomes(at('serious_violation'))).toEqual(['revoked', 'dismissed']);
    expect(allowedOutcomes({ ...at('closure'), stage: 'investigating' })).toEqual([]);
    expect(allowedOutcomes({ ...at('closure'), stage: 'closed' })).toEqual([]);
    expect(allowedOutcomes({ ...at('closure'), transitionId: 'pending-request' })).toEqual([]);
  });
});
