import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge';
import { t, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { customCellText, keyOf, useQueryableFields } from '../../../lib/custom-query';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import type { BoardItem } from '../api/board';
import { ageWords, type BoardSort } from './board-query';
import { SlaBadge } from './sla-badge';

export function ageText(hours: number): string {
  const { key, count } = ageWords(hours);
  return t(`board.age.${key}` as MessageKey, { count });
}

/** One row per open offer: who and what, the waiting-on sentence, how long, and what happens next. */
export function BoardTable({ items, sort, columns = [] }: { items: BoardItem[]; sort: BoardSort; columns?: string[] }) {
  const fields = useQueryableFields();
  const fieldOf = (path: string) => fields.data?.find((f) => f.key === keyOf(path));
  const words = { yes: t('customQuery.yes'), no: t('customQuery.no') };
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={t('board.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('board.col.offer')}</Table.Th>
            <Table.Th>{t('board.col.stage')}</Table.Th>
            <Table.Th>{t('board.col.waitingOn')}</Table.Th>
            <Table.Th aria-sort={sort === 'oldest' ? 'descending' : 'ascending'}>{t('board.col.age')}</Table.Th>
            <Table.Th>{t('board.col.next')}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c}>{fieldOf(c)?.label ?? c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.offerId} data-offer-id={item.offerId} data-stage={item.status}>
              <Table.Td>
                <Anchor component={Link} to={paths.offer(item.offerId)} fw={600} size="sm">
                  {item.candidateName ?? t('offers.candidateHidden')}
                </Anchor>
                <Text size="sm" c="gray.7">
                  {item.title ?? t('board.titleHidden')}
                </Text>
                <Text size="xs" c="gray.7">
                  {item.department.name} · {item.recruiter.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} size="sm" />
              </Table.Td>
              <Table.Td>
                <Text size="sm" data-testid="board-line">
                  {item.line.text}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {ageText(item.line.ageBusinessHours)}
                  </Text>
                  <SlaBadge sla={item.line.sla} />
                  <Text size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
                    {t('board.since', { when: formatDateTime(item.line.since) })}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {item.line.nextAction.text}
                </Text>
                <Text size="xs" c="gray.7">
                  {item.line.nextAction.owner ? t('board.owner', { name: item.line.nextAction.owner }) : t('board.noOwner')}
                </Text>
              </Table.Td>
              {columns.map((c) => (
                <Table.Td key={c} data-column={c}>
                  <Text size="sm">{customCellText(fieldOf(c), item.custom?.[keyOf(c)], words)}</Text>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
