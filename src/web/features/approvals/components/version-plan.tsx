import { Box, Stack, Text, Title } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { PlanStep as Step } from '../api/plan';
import { phaseLabel } from './approval-labels';
import { PlanStep } from './plan-step';

const phases = ['compensation', 'packet', 'rescind'] as const;

/** Steps the policy considered and left out, folded away with the reason for each. */
function NotNeeded({ steps }: { steps: Step[] }) {
  return (
    <Box component="details" data-testid="not-needed">
      <Text component="summary" size="sm" c="gray.8" style={{ cursor: 'pointer' }}>
        {t('approvals.plan.notNeeded', { count: steps.length })}
      </Text>
      <Stack gap={6} component="ul" mt="xs" mb={0} pl="md">
        {steps.map((s) => (
          <Text component="li" size="sm" c="gray.8" key={s.id}>
            {s.explanation ?? s.stepName}
          </Text>
        ))}
      </Stack>
    </Box>
  );
}

/**
 * Stages in order, grouped by phase; a stage is named only when its name adds something to the
 * phase's. Steps that are not needed are listed once per phase, folded.
 */
export function VersionPlan({ steps, headingOrder }: { steps: Step[]; headingOrder: 3 | 4 }) {
  if (steps.length === 0) return <Text size="sm">{t('approvals.plan.noSteps')}</Text>;
  return (
    <Stack gap="md">
      {phases
        .map((phase) => ({ phase, steps: steps.filter((s) => s.phase === phase) }))
        .filter((g) => g.steps.length > 0)
        .map(({ phase, steps: inPhase }) => {
          const needed = inPhase.filter((s) => s.status !== 'not_needed');
          const notNeeded = inPhase.filter((s) => s.status === 'not_needed');
          const stages = [...new Map(needed.map((s) => [s.stageKey, s.stageName])).entries()];
          return (
            <Stack gap="xs" key={phase}>
              <Title order={headingOrder} size="h5">
                {phaseLabel(phase)}
              </Title>
              {needed.length === 0 && (
                <Text size="sm" c="gray.8">
                  {t('approvals.plan.phaseNotNeeded')}
                </Text>
              )}
              {stages.map(([key, name]) => (
                <Stack gap={4} key={key}>
                  {name !== phaseLabel(phase) && (
                    <Text size="xs" fw={600} c="gray.7" tt="uppercase" lts={0.3}>
                      {name}
                    </Text>
                  )}
                  <Stack gap="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                    {needed
                      .filter((s) => s.stageKey === key)
                      .map((s) => (
                        <PlanStep key={s.id} step={s} />
                      ))}
                  </Stack>
                </Stack>
              ))}
              {notNeeded.length > 0 && <NotNeeded steps={notNeeded} />}
            </Stack>
          );
        })}
    </Stack>
  );
}
