import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { statusLabel } from '../../../lib/labels';
import { useOfferOptions, type OfferOption } from '../../offers/api/offer-options';
import type { PolicySource } from '../api/policies';
import { useSimulatePolicy } from '../api/simulate';
import { SimulationResult } from './simulation-result';

const optionLabel = (o: OfferOption) =>
  `${t('policy.offerOption', { candidate: o.candidate.name ?? t('policy.candidateHidden'), title: o.title ?? t('policy.offerUntitled') })} (${statusLabel(o.status)})`;

/** Runs the editor's text, saved or not, over an existing offer. */
export function PolicySimulator({ policy }: { policy: PolicySource }) {
  const [selected, setSelected] = useState<OfferOption | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // Once an offer is chosen the search box shows its label; that is not a new search.
  const q = selected && debounced === optionLabel(selected) ? '' : debounced;
  const options = useOfferOptions(q);
  const simulate = useSimulatePolicy();

  const items = options.data?.items ?? [];
  const all = selected && !items.some((o) => o.id === selected.id) ? [selected, ...items] : items;
  const run = () => {
    if (!selected) return;
    simulate.mutate({ offerId: selected.id, ...(policy.source.trim() ? { policy } : {}) });
  };
  const problem = simulate.error instanceof ApiProblem ? simulate.error : null;
  const detail = problem?.fieldErrors.length ? problem.fieldErrors.map((e) => `${e.field.replace(/^policy\.?/, '')} — ${e.message}`).join('; ') : undefined;

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('policy.simulatorTitle')}
      </Title>
      <Text size="xs" c="gray.8">
        {t('policy.simulatorHint')}
      </Text>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t('policy.offer')}
          placeholder={t('policy.offerPlaceholder')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: o }) => o}
          nothingFoundMessage={options.isFetching ? t('app.loading') : t('policy.offerNothing')}
          data={all.map((o) => ({ value: o.id, label: optionLabel(o) }))}
          value={selected?.id ?? null}
          onChange={(id) => setSelected(all.find((o) => o.id === id) ?? null)}
          style={{ flex: '1 1 260px' }}
        />
        <Button onClick={run} disabled={!selected} loading={simulate.isPending}>
          {t('policy.simulate')}
        </Button>
      </Group>
      {options.isError && <ProblemAlert error={options.error} onRetry={() => void options.refetch()} />}
      {simulate.isError && <ProblemAlert error={simulate.error} detail={detail} />}
      {simulate.data && <SimulationResult result={simulate.data} />}
    </Stack>
  );
}
