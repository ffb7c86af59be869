import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge';
import { NegotiatingWhat } from '../../negotiation/components/negotiating-what';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { formatDate, formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import type { OfferSummary } from '../api/offers-list';

/** The phone layout: one card per offer instead of a table that would scroll sideways. */
export function OfferCards({ offers }: { offers: OfferSummary[] }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('offers.title')}>
      {offers.map((o) => (
        <Card key={o.id} component="li" withBorder padding="sm" radius="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Anchor component={Link} to={paths.offer(o.id)} fw={600} style={{ overflowWrap: 'anywhere' }}>
                {o.title}
              </Anchor>
              <Text size="sm">{o.candidate.name ?? t('offers.candidateHidden')}</Text>
            </Stack>
            <StatusBadge status={o.status} />
            {o.status === 'negotiating' && <NegotiatingWhat offerId={o.id} />}
          </Group>
          <Group gap="md" mt="xs">
            <Text size="xs" c="gray.7">
              {o.startDate ? t('offers.startsOn', { date: formatDate(o.startDate) }) : null}
            </Text>
            <Text size="xs" c="gray.7">
              {t('offers.updatedAt', { date: formatDateTime(o.updatedAt) })}
            </Text>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
