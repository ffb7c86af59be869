import { Group, Stack, Table, Text, Title } from '@mantine/core';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatMoney, formatNumber } from '../../../lib/format';
import type { Simulation } from '../api/simulate';

type Facts = Simulation['facts'];
const num = (f: Facts, k: string) => (typeof f[k] === 'number' ? (f[k] as number) : null);
// Facts carry no currency; the comp bands and budgets of the organisation are in dollars.
const usd = (cents: number) => formatMoney(cents, 'USD');

function factRows(f: Facts): [string, string][] {
  const [min, mid, max] = [num(f, 'bandMinCents'), num(f, 'bandMidCents'), num(f, 'bandMaxCents')];
  const rows: [string, string][] = [
    [t('policy.fact.band'), min !== null && mid !== null && max !== null ? `${usd(min)} – ${usd(mid)} – ${usd(max)}` : t('policy.noBand')],
  ];
  const base = num(f, 'annualBaseCents');
  if (base !== null) rows.push([t('policy.fact.annualBase'), usd(base)]);
  const compa = num(f, 'compaRatio');
  if (compa !== null) rows.push([t('policy.fact.compaRatio'), compa.toFixed(2)]);
  const pos = num(f, 'bandPositionPercent');
  if (pos !== null) rows.push([t('policy.fact.bandPosition'), t('policy.percent', { value: formatNumber(pos) })]);
  const cash = num(f, 'firstYearCashCents');
  if (cash !== null) rows.push([t('policy.fact.firstYearCash'), usd(cash)]);
  const remaining = num(f, 'budgetRemainingCents');
  const scope = f.budgetScope === 'department' ? 'department' : 'requisition';
  rows.push([t('policy.fact.budgetRemaining'), remaining === null ? t('policy.noBudget') : t(`policy.budgetScope.${scope}`, { amount: usd(remaining) })]);
  const margin = num(f, 'marginPercent');
  if (margin !== null) rows.push([t('policy.fact.margin'), t('policy.percent', { value: formatNumber(margin) })]);
  const clauses = Array.isArray(f.nonStandardClauseKeys) ? f.nonStandardClauseKeys : [];
  rows.push([t('policy.fact.nonStandardClauses'), clauses.length ? clauses.join(', ') : t('policy.noClauses')]);
  return rows;
}

/** The exceptions an approver should notice first, and the numbers the policy's conditions read. */
export function SimulationFacts({ facts, exceptions }: { facts: Facts; exceptions: Simulation['exceptions'] }) {
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Title order={3} size="h4">
          {t('policy.exceptionsTitle')}
        </Title>
        {exceptions.length === 0 && <Text size="sm">{t('policy.noExceptions')}</Text>}
        {exceptions.map((e) => (
          <Group key={`${e.reason}:${e.detail}`} gap="xs" wrap="nowrap" align="flex-start">
            <ToneBadge color="orange">{t(`policy.exception.${e.reason}`)}</ToneBadge>
            <Text size="sm">{e.detail}</Text>
          </Group>
        ))}
      </Stack>
      <Stack gap={6}>
        <Title order={3} size="h4">
          {t('policy.factsTitle')}
        </Title>
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} aria-label={t('policy.factsTable')} fz="sm">
          <Table.Tbody>
            {factRows(facts).map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" fw={500} c="gray.8" pr="sm">
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Stack>
  );
}
