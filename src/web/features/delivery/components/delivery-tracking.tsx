import { Group, Stack, Text } from '@mantine/core';
import { t, tOr } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import type { Delivery } from '../api/delivery';

/** When the offer went out, whether and when the candidate opened it, and whether the link still works. */
export function DeliveryTracking({ delivery }: { delivery: Delivery }) {
  if (!delivery.sentAt) return null;
  const link =
    delivery.linkState === 'live'
      ? t('delivery.link.live', { when: formatDateTime(delivery.linkExpiresAt!) })
      : delivery.linkState === 'revoked'
        ? tOr(`delivery.revoked.${delivery.revokedReason ?? ''}`, t('delivery.link.revoked', { reason: delivery.revokedReason ?? '' }))
        : delivery.linkState === 'expired'
          ? t('delivery.link.expired')
          : t('delivery.link.none');
  const rows: [string, string][] = [
    [t('delivery.sentAt'), t('delivery.sentValue', { when: formatDateTime(delivery.sentAt), version: delivery.version ?? '' })],
    [t('delivery.opened'), delivery.firstOpenedAt ? t('delivery.openedValue', { first: formatDateTime(delivery.firstOpenedAt), last: formatDateTime(delivery.lastOpenedAt ?? delivery.firstOpenedAt) }) : t('delivery.notOpened')],
    [t('delivery.reminders'), String(delivery.remindersSent)],
    [t('delivery.link'), link],
  ];
  return (
    <Stack gap={4} component="dl" m={0} data-testid="delivery-tracking">
      {rows.map(([label, value]) => (
        <Group key={label} gap="md" wrap="nowrap" align="baseline">
          <Text component="dt" size="sm" c="gray.8" w={110} style={{ flexShrink: 0 }}>
            {label}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
