import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { ToneBadge } from '../../../components/tone-badge';
import { t, tOr } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { ApiProblem } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { useAddContingency, useDecideContingency, type Contingency } from '../api/closeout';

const tone = { pending: 'yellow', cleared: 'green', waived: 'gray', failed: 'red' } as const;

/** Each contingency with its state; closeout roles clear it, waive it with a reason, or record a failure. */
export function ContingencyChecklist({ offerId, items, canDecide }: { offerId: string; items: Contingency[]; canDecide: boolean }) {
  const add = useAddContingency(offerId);
  const [label, setLabel] = useState('');
  return (
    <Stack gap="xs" data-testid="contingencies">
      <Title order={3} size="h5">
        {t('closeout.contingencies')}
      </Title>
      {items.length === 0 && <Text size="sm">{t('closeout.noContingencies')}</Text>}
      {items.map((c) => (
        <ContingencyRow key={c.id} offerId={offerId} item={c} canDecide={canDecide} />
      ))}
      {canDecide && (
        <Group gap="xs" align="end">
          <TextInput size="xs" label={t('closeout.addLabel')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={200} />
          <Button size="xs" variant="default" disabled={!label.trim()} loading={add.isPending} onClick={() => add.mutate({ label: label.trim(), dueDate: null }, { onSuccess: () => setLabel('') })}>
            {t('closeout.add')}
          </Button>
        </Group>
      )}
      {add.isError && <ProblemAlert error={add.error} />}
    </Stack>
  );
}

function ContingencyRow({ offerId, item, canDecide }: { offerId: string; item: Contingency; canDecide: boolean }) {
  const decide = useDecideContingency(offerId);
  const [asking, setAsking] = useState<'waived' | 'failed' | null>(null);
  const [reason, setReason] = useState('');
  const reasonError = decide.error instanceof ApiProblem ? decide.error.fieldErrors.find((p) => p.field === 'reason')?.message : undefined;
  return (
    <Stack gap={4} py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} data-contingency={item.kind === 'custom' ? item.label : item.kind}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <div>
          <Text size="sm" fw={600}>
            {tOr(`contingency.${item.kind}`, item.label)}
          </Text>
          {item.dueDate && (
            <Text size="xs" c="gray.8">
              {t('closeout.due', { date: formatDate(item.dueDate) })}
            </Text>
          )}
        </div>
        <Group gap={6}>
          <ToneBadge color={tone[item.status]} size="sm">
            {t(`closeout.status.${item.status}`)}
          </ToneBadge>
          {canDecide && item.status === 'pending' && !asking && (
            <>
              <Button size="compact-sm" onClick={() => decide.mutate({ id: item.id, status: 'cleared' })} loading={decide.isPending} aria-label={t('closeout.clearOf', { name: tOr(`contingency.${item.kind}`, item.label) })}>
                {t('closeout.clear')}
              </Button>
              <Button size="compact-sm" variant="default" onClick={() => setAsking('waived')}>
                {t('closeout.waive')}
              </Button>
              <Button size="compact-sm" variant="outline" color="red.8" onClick={() => setAsking('failed')}>
                {t('closeout.fail')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      {item.reason && <Text size="xs">{t('closeout.reason', { reason: item.reason })}</Text>}
      {asking && (
        <Group gap="xs" align="end">
          <TextInput size="xs" style={{ flex: 1 }} label={t(asking === 'waived' ? 'closeout.waiveReason' : 'closeout.failReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} />
          <Button size="xs" color={asking === 'failed' ? 'red.8' : undefined} loading={decide.isPending} onClick={() => decide.mutate({ id: item.id, status: asking, reason }, { onSuccess: () => setAsking(null) })}>
            {t(asking === 'waived' ? 'closeout.waiveConfirm' : 'closeout.failConfirm')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setAsking(null)}>
            {t('action.back')}
          </Button>
        </Group>
      )}
      {decide.isError && !reasonError && <ProblemAlert error={decide.error} />}
    </Stack>
  );
}
