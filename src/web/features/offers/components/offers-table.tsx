import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge';
import { NegotiatingWhat } from '../../negotiation/components/negotiating-what';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { customCellText, keyOf, useQueryableFields } from '../../../lib/custom-query';
import { formatDate, formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import type { OfferSort, OfferSummary } from '../api/offers-list';

const sortedColumn = (sort: OfferSort) => sort.replace(/^-/, '');
const ariaSort = (sort: OfferSort, column: string): 'ascending' | 'descending' | undefined =>
  sortedColumn(sort) === column ? (sort.startsWith('-') ? 'descending' : 'ascending') : undefined;

export function OffersTable({ offers, sort, columns = [] }: { offers: OfferSummary[]; sort: OfferSort; columns?: string[] }) {
  const fields = useQueryableFields();
  const fieldOf = (path: string) => fields.data?.find((f) => f.key === keyOf(path));
  const words = { yes: t('customQuery.yes'), no: t('customQuery.no') };
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={t('offers.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th aria-sort={ariaSort(sort, 'title')}>{t('offers.col.title')}</Table.Th>
            <Table.Th aria-sort={ariaSort(sort, 'candidateName')}>{t('offers.col.candidate')}</Table.Th>
            <Table.Th>{t('offers.col.status')}</Table.Th>
            <Table.Th aria-sort={ariaSort(sort, 'startDate')}>{t('offers.col.startDate')}</Table.Th>
            <Table.Th aria-sort={ariaSort(sort, 'updatedAt')}>{t('offers.col.updated')}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c}>{fieldOf(c)?.label ?? c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {offers.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                <Anchor component={Link} to={paths.offer(o.id)} fw={600} size="sm">
                  {o.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{o.candidate.name ?? t('offers.candidateHidden')}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={o.status} />
                {o.status === 'negotiating' && <NegotiatingWhat offerId={o.id} />}
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {o.startDate ? formatDate(o.startDate) : null}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(o.updatedAt)}
                </Text>
              </Table.Td>
              {columns.map((c) => (
                <Table.Td key={c} data-column={c}>
                  <Text size="sm">{customCellText(fieldOf(c), o.custom?.[keyOf(c)], words)}</Text>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
