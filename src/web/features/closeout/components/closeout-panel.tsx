import { Alert, Button, Divider, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDate } from '../../../lib/format';
import type { Offer } from '../../offers/api/offer';
import { useConfirmStartDate, useContingencies, useHandOff, useOnboardingTasks } from '../api/closeout';
import { ContingencyChecklist } from './contingency-checklist';
import { OnboardingTaskBoard } from './onboarding-task-board';

const closeoutRoles = ['recruiter', 'hr_ops', 'admin'];

/** Stages 7 and 8: contingencies to clear, the start date to confirm, tasks for each team, then the handoff. */
export function CloseoutPanel({ offer, myRoles }: { offer: Offer; myRoles: readonly string[] }) {
  const shown = offer.status === 'accepted' || offer.status === 'handed_off';
  const contingencies = useContingencies(offer.id);
  const tasks = useOnboardingTasks(offer.id);
  const confirm = useConfirmStartDate(offer.id);
  const handOff = useHandOff(offer.id);
  const [startDate, setStartDate] = useState(offer.terms?.startDate ?? '');
  if (!shown || (contingencies.isError && tasks.isError)) return null;
  const canClose = myRoles.some((r) => closeoutRoles.includes(r)) && offer.status === 'accepted';
  const data = contingencies.data;
  const next = data?.nextAction ?? null;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="closeout-title" data-testid="closeout-panel">
      <Stack gap="sm">
        <Title order={2} size="h3" id="closeout-title">
          {t('closeout.title')}
        </Title>
        {next && canClose && (
          <Alert color={next === 'rescind' ? 'red' : 'blue'} variant="light" role="status" data-testid="next-action" styles={{ title: { color: 'var(--mantine-color-text)' } }} title={t(`closeout.next.${next}`)}>
            {t(`closeout.nextBody.${next}`)}
          </Alert>
        )}
        {data && <ContingencyChecklist offerId={offer.id} items={data.items} canDecide={canClose} />}
        <Divider />
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('closeout.startDate')}
          </Title>
          {data?.startDateConfirmed ? (
            <Text size="sm" data-testid="start-confirmed">
              {t('closeout.startConfirmed', { date: formatDate(data.startDateConfirmed) })}
            </Text>
          ) : canClose ? (
            <Group gap="xs" align="end">
              <TextInput size="xs" type="date" label={t('closeout.startLabel')} value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} />
              <Button size="xs" disabled={!startDate} loading={confirm.isPending} onClick={() => confirm.mutate(startDate)}>
                {t('closeout.confirmStart')}
              </Button>
            </Group>
          ) : (
            <Text size="sm">{t('closeout.startNotConfirmed')}</Text>
          )}
          {confirm.isError && <ProblemAlert error={confirm.error} />}
        </Stack>
        <Divider />
        {tasks.data && <OnboardingTaskBoard offerId={offer.id} tasks={tasks.data} myRoles={myRoles} />}
        {canClose && (
          <Group gap="sm">
            <Button disabled={next !== 'hand_off'} loading={handOff.isPending} onClick={() => handOff.mutate(offer.rowVersion)}>
              {t('closeout.handOff')}
            </Button>
            <Text size="sm" c="gray.8">
              {next === 'hand_off' ? t('closeout.handOffReady') : t('closeout.handOffWaiting')}
            </Text>
          </Group>
        )}
        {handOff.isError && <ProblemAlert error={handOff.error} />}
      </Stack>
    </Paper>
  );
}
