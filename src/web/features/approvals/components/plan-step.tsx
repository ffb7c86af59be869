import { Group, Stack, Text } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import type { PlanStep as Step } from '../api/plan';
import { DecisionLog } from './decision-log';
import { DueLine } from './due-line';
import { StepStatusBadge } from './step-status-badge';

/** One step of the plan: its state, who approves and why, then what each person decided. */
export function PlanStep({ step }: { step: Step }) {
  const names = step.approvers.map((a) => a.name).join(', ');
  return (
    <Stack gap={4} component="li" data-testid="plan-step" data-step={step.stepKey}>
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text fw={600} size="sm">
          {step.stepName}
        </Text>
        <StepStatusBadge step={step} />
      </Group>
      {names && (
        <Text size="sm" c="gray.8">
          {t('approvals.plan.approvers', { names })}
          {step.quorum > 1 && ` · ${t('approvals.plan.quorum', { count: step.quorum, total: step.approvers.length })}`}
        </Text>
      )}
      {step.status === 'pending' && <DueLine step={step} />}
      {step.decidedAt && step.status !== 'pending' && (
        <Text size="xs" c="gray.7">
          {t('approvals.plan.decidedAt', { when: formatDateTime(step.decidedAt) })}
        </Text>
      )}
      {step.explanation && (
        <Text size="sm" c="gray.8" fs="italic">
          {step.explanation}
        </Text>
      )}
      {step.decisions.length > 0 && <DecisionLog decisions={step.decisions} />}
    </Stack>
  );
}
