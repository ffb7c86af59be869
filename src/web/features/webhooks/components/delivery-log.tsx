import { Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import { useDeliveries, useReplayDelivery, type WebhookDelivery } from '../api/webhooks';

const tone = { delivered: 'green', pending: 'blue', failed: 'red' } as const;

/** Each event sent to one endpoint, its attempts, and replay. */
export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const deliveries = useDeliveries(endpointId);
  const replay = useReplayDelivery();
  const [open, setOpen] = useState<string | null>(null);
  if (deliveries.isPending) return null;
  if (deliveries.isError) return <ProblemAlert error={deliveries.error} />;
  if (deliveries.data.items.length === 0) return <Text size="sm">{t('webhooks.log.empty')}</Text>;
  return (
    <Stack gap="xs">
      {replay.isError && <ProblemAlert error={replay.error} />}
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={t('webhooks.log.title')} data-testid="delivery-log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('webhooks.log.event')}</Table.Th>
              <Table.Th>{t('webhooks.log.status')}</Table.Th>
              <Table.Th>{t('webhooks.log.attempts')}</Table.Th>
              <Table.Th>{t('webhooks.log.last')}</Table.Th>
              <Table.Th>{t('webhooks.log.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.data.items.map((d) => (
              <Fragment key={d.id}>
                <Table.Tr data-delivery={d.eventType}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {d.eventType}
                    </Text>
                    <Text size="xs" c="gray.8">
                      {formatDateTime(d.createdAt)} · {d.eventId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ToneBadge color={tone[d.status]} size="sm">
                      {t(`webhooks.status.${d.status}`)}
                    </ToneBadge>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{lastWords(d)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button size="compact-sm" variant="default" onClick={() => setOpen(open === d.id ? null : d.id)} aria-expanded={open === d.id} aria-label={t('webhooks.log.detailsOf', { type: d.eventType })}>
                        {t('webhooks.log.details')}
                      </Button>
                      {d.status !== 'pending' && (
                        <Button size="compact-sm" variant="default" loading={replay.isPending && replay.variables === d.id} onClick={() => replay.mutate(d.id)} aria-label={t('webhooks.log.replayOf', { type: d.eventType })}>
                          {t('webhooks.log.replay')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
                {open === d.id && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Stack gap={4}>
                        {d.attemptLog.map((a, i) => (
                          <Text key={i} size="xs">
                            {formatDateTime(a.attemptedAt)} · {a.statusCode ?? a.error ?? '—'} · {a.durationMs} ms
                          </Text>
                        ))}
                        <Code block>{JSON.stringify(d.payload, null, 2)}</Code>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function lastWords(d: WebhookDelivery): string {
  if (d.status === 'delivered' && d.deliveredAt) return t('webhooks.log.deliveredAt', { when: formatDateTime(d.deliveredAt), code: d.lastStatusCode ?? '' });
  if (d.status === 'pending' && d.nextAttemptAt) return t('webhooks.log.nextAt', { when: formatDateTime(d.nextAttemptAt), last: d.lastStatusCode ?? d.lastError ?? '—' });
  return d.lastError ?? (d.lastStatusCode ? String(d.lastStatusCode) : '—');
}
