import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ProblemAlert } from '../../../components/problem-alert';
import { ToneBadge } from '../../../components/tone-badge';
import { t, tOr } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { formatDate } from '../../../lib/format';
import { useTaskAction, type OnboardingTask } from '../api/closeout';

const roleOrder = ['hr_ops', 'it', 'payroll', 'hiring_manager', 'recruiter'];

/** The onboarding tasks by owner, each with its due date; the owner (or an admin) marks it done. */
export function OnboardingTaskBoard({ offerId, tasks, myRoles }: { offerId: string; tasks: OnboardingTask[]; myRoles: readonly string[] }) {
  const act = useTaskAction(offerId);
  const roles = roleOrder.filter((r) => tasks.some((task) => task.ownerRole === r));
  const mayAct = (task: OnboardingTask) => myRoles.includes(task.ownerRole) || myRoles.includes('admin');
  return (
    <Stack gap="xs" data-testid="onboarding-tasks">
      <Title order={3} size="h5">
        {t('closeout.tasks')}
      </Title>
      {tasks.length === 0 && <Text size="sm">{t('closeout.noTasks')}</Text>}
      {act.isError && <ProblemAlert error={act.error} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {roles.map((role) => (
          <Stack key={role} gap={6} p="xs" bd="1px solid gray.3" style={{ borderRadius: 6 }} data-owner={role}>
            <Text size="sm" fw={700}>
              {tOr(`role.${role}`, role)}
            </Text>
            {tasks
              .filter((task) => task.ownerRole === role)
              .map((task) => (
                <Group key={task.id} justify="space-between" gap="xs" wrap="nowrap" data-task={task.title}>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm">{task.title}</Text>
                    <Text size="xs" c="gray.8">
                      {t('closeout.due', { date: formatDate(task.dueDate) })}
                    </Text>
                  </div>
                  {task.status === 'open' && mayAct(task) ? (
                    <Button size="compact-sm" loading={act.isPending && act.variables?.taskId === task.id} onClick={() => act.mutate({ taskId: task.id, action: 'complete' })} aria-label={t('closeout.doneOf', { task: task.title })}>
                      {t('closeout.done')}
                    </Button>
                  ) : (
                    <ToneBadge color={task.status === 'done' ? 'green' : task.status === 'skipped' ? 'gray' : 'yellow'} size="sm">
                      {t(`closeout.task.${task.status}`)}
                    </ToneBadge>
                  )}
                </Group>
              ))}
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
