import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import { useDelegation, useEndDelegation } from '../api/delegation';
import { DelegationForm } from './delegation-form';

export function DelegationPage({ myId }: { myId: string | undefined }) {
  const delegation = useDelegation();
  const end = useEndDelegation();
  const [ended, setEnded] = useState(false);
  const current = delegation.data?.delegations ?? [];
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1}>{t('delegation.title')}</Title>
        <Text c="gray.8" size="sm">
          {t('delegation.subtitle')}
        </Text>
      </div>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="delegation-current">
        <Title order={2} size="h4" id="delegation-current" mb="xs">
          {t('delegation.current')}
        </Title>
        {delegation.isPending && <PageLoader />}
        {delegation.isError && <ProblemAlert error={delegation.error} onRetry={() => void delegation.refetch()} />}
        {delegation.data && current.length === 0 && (
          <Text size="sm" role="status">
            {ended ? t('delegation.ended') : t('delegation.none')}
          </Text>
        )}
        {current.length > 0 && (
          <Group justify="space-between" gap="sm">
            <Stack gap={4}>
              {current.map((d) => (
                <Text key={d.id} size="sm" data-testid="delegation-current">
                  {t('delegation.active', { name: d.delegate.name, from: formatDateTime(d.startsAt), until: formatDateTime(d.endsAt) })}
                </Text>
              ))}
            </Stack>
            <Button variant="default" color="red" onClick={() => end.mutate(undefined, { onSuccess: () => setEnded(true) })} loading={end.isPending}>
              {t('delegation.endNow')}
            </Button>
          </Group>
        )}
        {end.isError && <ProblemAlert error={end.error} />}
      </Paper>
      <DelegationForm myId={myId} onSaved={() => setEnded(false)} />
    </Stack>
  );
}
