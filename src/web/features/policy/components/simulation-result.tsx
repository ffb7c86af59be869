import { Group, Paper, Stack, Text, Title, type MantineColor } from '@mantine/core';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { SimulatedStep, Simulation } from '../api/simulate';
import { SimulationFacts } from './simulation-facts';

const outcomeColor: Record<SimulatedStep['outcome'], MantineColor> = { run: 'blue', carry_over: 'teal', not_needed: 'gray' };

function OutcomeBadge({ outcome }: { outcome: SimulatedStep['outcome'] }) {
  return (
    <ToneBadge color={outcomeColor[outcome]} data-outcome={outcome}>
      {t(`policy.outcome.${outcome}`)}
    </ToneBadge>
  );
}

/** "Payroll: not needed: FLSA status is exempt": the card names the step and the badge the outcome; show the reason. */
function reasonOf(s: SimulatedStep): string {
  let text = s.explanation.startsWith(`${s.stepName}: `) ? s.explanation.slice(s.stepName.length + 2) : s.explanation;
  if (s.outcome === 'not_needed' && text.startsWith('not needed: ')) text = text.slice('not needed: '.length);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function StepItem({ step }: { step: SimulatedStep }) {
  const dim = step.outcome === 'not_needed';
  return (
    <Paper component="li" withBorder p="sm" radius="sm" bg={dim ? 'gray.0' : undefined} data-step={step.stepKey}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text fw={600} size="sm">
          {step.stepName}
        </Text>
        <OutcomeBadge outcome={step.outcome} />
      </Group>
      <Text size="sm" c={dim ? 'gray.8' : undefined} mt={2}>
        {reasonOf(step)}
      </Text>
      {step.outcome !== 'not_needed' && (
        <Group gap="xs" mt={4}>
          {step.approvers.length > 0 && (
            <Text size="xs">
              {t('policy.approvers', { names: step.approvers.map((a) => a.name).join(', ') })}
              {step.approvers.length > 1 && ` · ${t('policy.quorum', { quorum: step.quorum, count: step.approvers.length })}`}
            </Text>
          )}
          {step.missing && (
            <Text size="xs" c="red.9" fw={600}>
              {t('policy.missing', { reason: step.missing })}
            </Text>
          )}
          {step.slaBusinessHours !== null && (
            <Text size="xs" c="gray.8">
              {t('policy.sla', { hours: step.slaBusinessHours })}
            </Text>
          )}
        </Group>
      )}
    </Paper>
  );
}

export function SimulationResult({ result }: { result: Simulation }) {
  const stages: { key: string; name: string; steps: SimulatedStep[] }[] = [];
  for (const s of result.steps) {
    const last = stages.at(-1);
    if (last?.key === s.stageKey) last.steps.push(s);
    else stages.push({ key: s.stageKey, name: s.stageName, steps: [s] });
  }
  return (
    <Stack gap="md" data-testid="simulation-result">
      <Text size="sm" c="gray.8" role="status">
        {result.policy.from === 'given' ? t('policy.simulatedWith') : t('policy.simulatedWithVersion', { number: result.policy.versionNumber ?? 0 })}
      </Text>
      <SimulationFacts facts={result.facts} exceptions={result.exceptions} />
      <Title order={3} size="h4">
        {t('policy.stepsTitle')}
      </Title>
      {stages.length === 0 && <Text size="sm">{t('policy.noSteps')}</Text>}
      {stages.map((stage) => (
        <section key={stage.key} aria-label={stage.name}>
          <Text fw={700} size="sm" mb={4}>
            {stage.name}
          </Text>
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('policy.stepsList', { stage: stage.name })}>
            {stage.steps.map((s) => (
              <StepItem key={s.stepKey} step={s} />
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
