import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge';
import { NegotiatingWhat } from '../../negotiation/components/negotiating-what';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { customCellText, keyOf, useQueryableFields } from '../../../lib/custom-query';
import { formatDate, formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import type { OfferSummary } from '../api/offers-list';

/**
 * The phone layout: one card per offer instead of a table that would scroll sideways. The chosen
 * custom columns follow as "label: value" lines, so a narrow screen shows what the wide table does.
 */
export function OfferCards({ offers, columns = [] }: { offers: OfferSummary[]; columns?: string[] }) {
  const fields = useQueryableFields();
  const fieldOf = (path: string) => fields.data?.find((f) => f.key === keyOf(path));
  const words = { yes: t('customQuery.yes'), no: t('customQuery.no') };
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
          {columns.length > 0 && (
            <Stack gap={0} component="dl" mt={4} mb={0}>
              {columns.map((c) => (
                <Group key={c} gap={4} wrap="nowrap" data-column={c} align="baseline">
                  <Text size="xs" c="gray.7" component="dt">
                    {t('customQuery.cardLabel', { label: fieldOf(c)?.label ?? c })}
                  </Text>
                  <Text size="xs" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
                    {customCellText(fieldOf(c), o.custom?.[keyOf(c)], words) || '—'}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Card>
      ))}
    </Stack>
  );
}
