import type { PlannedStep } from './route-plan';

/**
 * Field-scoped re-approval: on a new offer version a step runs again only when it covers a
 * changed field or its condition newly holds; any other approval carries over with a note the
 * journal records word for word.
 */

export interface PriorStep {
  stageKey: string;
  stepKey: string;
  /** 'approved' | 'carried_over' | 'not_needed' | 'rejected' | 'changes_requested' | 'pending' | 'waiting' | 'superseded' */
  status: string;
  conditionHeld: boolean;
  /** The version the approval was actually given on (for carried ones, the original). */
  approvedOnVersion: number | null;
}

export type ReapprovalOutcome =
  | { outcome: 'run'; note: string }
  | { outcome: 'carry_over'; fromVersion: number; note: string }
  | { outcome: 'not_needed'; note: string };

/**
 * A cover matches a changed leaf below it ('compensation' covers 'compensation.baseSalaryCents')
 * and a changed object above it ('compensation.equity.units' is touched when 'compensation.equity'
 * appeared or disappeared as a whole).
 */
export function coversField(cover: string, changed: string): boolean {
  return cover === changed || changed.startsWith(cover + '.') || cover.startsWith(changed + '.');
}

export function coveredChanges(covers: readonly string[], changedFields: readonly string[]): string[] {
  return changedFields.filter((f) => covers.some((c) => coversField(c, f)));
}

export function decideReapproval(planned: PlannedStep, prior: PriorStep | undefined, changedFields: string[]): ReapprovalOutcome {
  if (!planned.required) return { outcome: 'not_needed', note: planned.reason };
  if (!prior) return { outcome: 'run', note: 'runs: new step for this offer' };
  if (prior.status === 'not_needed' || !prior.conditionHeld)
    return { outcome: 'run', note: 'runs: its condition now holds (it was not needed before)' };
  if (prior.status !== 'approved' && prior.status !== 'carried_over')
    return { outcome: 'run', note: `runs again: the earlier version's step was ${prior.status.replace(/_/g, ' ')}` };
  const hit = coveredChanges(planned.covers, changedFields);
  if (hit.length) return { outcome: 'run', note: `runs again: ${hit.join(', ')} changed` };
  if (prior.approvedOnVersion === null)
    return { outcome: 'run', note: 'runs again: the earlier approval has no version on record' };
  return {
    outcome: 'carry_over',
    fromVersion: prior.approvedOnVersion,
    note: `carried over from version ${prior.approvedOnVersion}: no covered field changed`,
  };
}
