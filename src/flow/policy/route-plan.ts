import { evaluateCondition } from './conditions';
import { explainOutcome, type PhraseCache } from './explain';
import type { PolicySubject } from './policy-fields';
import { submitPhases, type ApproverSpec, type Policy, type PolicyPhase, type Quorum } from './policy.schema';

/**
 * Turns a policy into the list of steps one offer version would go through, with the reason for
 * each. Pure and cheap: it runs on submit, on every new version and in the simulator.
 */

export type { PolicySubject };

export interface PlannedStep {
  phase: PolicyPhase;
  stageIndex: number;
  stageKey: string;
  stageName: string;
  stepKey: string;
  stepName: string;
  /** Stage and step conditions hold. */
  required: boolean;
  /** "Finance: base $185,000 is 112% of the band max $165,000". */
  explanation: string;
  /** The explanation without the step name: "not needed: base $150,000 is within the band max $165,000". */
  reason: string;
  approvers: ApproverSpec[];
  quorum: Quorum;
  slaBusinessHours: number | null;
  reminderBusinessHours: number[];
  escalateTo: ApproverSpec | null;
  covers: string[];
}

export const ALWAYS_REQUIRED = 'always required by the policy';

/**
 * Every step of every stage of the given phases, required or not, in policy order (stageIndex is
 * the index in the whole policy). By default what a submitted version goes through; a rescind
 * request plans the rescind stages instead (planRescind).
 */
export function planApprovals(policy: Policy, subject: PolicySubject, phases: readonly PolicyPhase[] = submitPhases): PlannedStep[] {
  const plan: PlannedStep[] = [];
  const phrases: PhraseCache = new Map();
  policy.stages.forEach((stage, stageIndex) => {
    if (!phases.includes(stage.phase)) return;
    const stageOutcome = evaluateCondition(stage.when, subject, policy.customFields);
    // Evaluated once per stage: every step of a skipped stage gives the same reason.
    const stageReason = stage.when ? explainOutcome(stageOutcome, subject, phrases) : '';
    for (const step of stage.steps) {
      let required: boolean;
      let reason: string;
      if (!stageOutcome.holds) {
        required = false;
        reason = `not needed: ${stageReason}`;
      } else {
        const stepOutcome = evaluateCondition(step.when, subject, policy.customFields);
        required = stepOutcome.holds;
        const stepReason = step.when ? explainOutcome(stepOutcome, subject, phrases) : '';
        if (!required) reason = `not needed: ${stepReason}`;
        else if (stageReason && stepReason) reason = `${stageReason}; ${stepReason}`;
        else reason = stageReason || stepReason || ALWAYS_REQUIRED;
      }
      plan.push({
        phase: stage.phase,
        stageIndex,
        stageKey: stage.key,
        stageName: stage.name,
        stepKey: step.key,
        stepName: step.name,
        required,
        explanation: `${step.name}: ${reason}`,
        reason,
        approvers: step.approvers,
        quorum: step.quorum,
        slaBusinessHours: step.sla?.businessHours ?? null,
        reminderBusinessHours: step.reminders?.afterBusinessHours ?? [],
        escalateTo: step.escalateTo ?? null,
        covers: step.covers,
      });
    }
  });
  return plan;
}

/** The steps a request to rescind a sent offer goes through: the policy's rescind stages, judged on the current version. */
export function planRescind(policy: Policy, subject: PolicySubject): PlannedStep[] {
  return planApprovals(policy, subject, ['rescind']);
}

export function hasRescindStages(policy: Policy): boolean {
  return policy.stages.some((s) => s.phase === 'rescind');
}
