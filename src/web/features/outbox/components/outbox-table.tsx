import { Anchor, Table, Text, type MantineColor } from '@mantine/core';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import type { OutboxItem } from '../api/outbox';

const statusColor: Record<OutboxItem['status'], MantineColor> = { queued: 'blue', sent: 'green', held: 'yellow', failed: 'red' };

export function OutboxStatus({ status }: { status: OutboxItem['status'] }) {
  return (
    <ToneBadge color={statusColor[status]} data-status={status}>
      {t(`outbox.status.${status}`)}
    </ToneBadge>
  );
}

/** One row per e-mail; the subject opens the full text. */
export function OutboxTable({ items, onRead }: { items: OutboxItem[]; onRead: (item: OutboxItem) => void }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" striped highlightOnHover aria-label={t('outbox.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('outbox.time')}</Table.Th>
            <Table.Th>{t('outbox.to')}</Table.Th>
            <Table.Th>{t('outbox.subject')}</Table.Th>
            <Table.Th>{t('outbox.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(m.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{m.to}</Text>
              </Table.Td>
              <Table.Td>
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onRead(m)} aria-label={t('outbox.readLabel', { subject: m.subject, to: m.to })}>
                  {m.subject}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <OutboxStatus status={m.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
