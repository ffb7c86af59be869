import { Accordion, Paper, Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useApprovalPlan, type PlanStep } from '../api/plan';
import { VersionPlan } from './version-plan';

function byVersion(steps: PlanStep[]): Map<number, PlanStep[]> {
  const out = new Map<number, PlanStep[]>();
  for (const s of steps) out.set(s.versionNumber, [...(out.get(s.versionNumber) ?? []), s]);
  return out;
}

/** The offer's approval plan and log: the current version first, earlier versions folded away. */
export function ApprovalPlanPanel({ offerId }: { offerId: string }) {
  const plan = useApprovalPlan(offerId);
  const titleId = `approvals-title-${offerId}`;

  let body;
  if (plan.isPending) body = <PageLoader />;
  else if (plan.isError) body = <ProblemAlert error={plan.error} onRetry={() => void plan.refetch()} />;
  else if (plan.data.steps.length === 0) body = <Text size="sm">{t('approvals.plan.none')}</Text>;
  else {
    const versions = byVersion(plan.data.steps);
    const current = plan.data.currentVersion;
    const earlier = [...versions.keys()].filter((v) => v !== current).sort((a, b) => b - a);
    body = (
      <Stack gap="md">
        <Text size="sm" c="gray.7">
          {t('approvals.plan.currentVersion', { number: current })}
          {plan.data.policyVersion && ` · ${t('approvals.plan.policy', { number: plan.data.policyVersion.number })}`}
        </Text>
        <VersionPlan steps={versions.get(current) ?? []} headingOrder={3} />
        {earlier.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              {t('approvals.plan.earlier')}
            </Title>
            <Accordion variant="separated" chevronPosition="left" multiple>
              {earlier.map((v) => (
                <Accordion.Item key={v} value={String(v)}>
                  <Accordion.Control>{t('approvals.plan.version', { number: v })}</Accordion.Control>
                  <Accordion.Panel>
                    <VersionPlan steps={versions.get(v) ?? []} headingOrder={4} />
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </Stack>
        )}
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId} data-testid="approval-plan">
      <Stack gap="md">
        <Title order={2} size="h4" id={titleId}>
          {t('approvals.plan.title')}
        </Title>
        {body}
      </Stack>
    </Paper>
  );
}
