import { Loader, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { validateTemplate } from '../../../../flow/documents/template-validate';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { statusLabel } from '../../../lib/labels';
import { useOfferOptions, type OfferOption } from '../../offers/api/offer-options';
import { useTemplateFields } from '../api/template-fields';
import { useTemplatePreview, type TemplateDraft } from '../api/templates';
import { DocumentFrame } from './document-frame';
import { SourceProblems } from './source-problems';

const optionLabel = (o: OfferOption) =>
  `${t('documents.preview.offerOption', { candidate: o.candidate.name ?? t('documents.preview.candidateHidden'), title: o.title ?? t('documents.preview.offerUntitled') })} (${statusLabel(o.status)})`;

interface Props {
  draft: TemplateDraft;
  /** The editor has changed since the text being previewed. */
  pending: boolean;
  onGoTo: (line: number, column: number) => void;
  /** Kept by the page, so the same offer previews each template opened. */
  selected: OfferOption | null;
  onSelect: (offer: OfferOption | null) => void;
}

/** The editor's text, saved or not, filled for an offer the reader chooses; nothing is stored. */
export function TemplatePreview({ draft, pending, onGoTo, selected, onSelect }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // Once an offer is chosen the search box shows its label; that is not a new search.
  const q = selected && debounced === optionLabel(selected) ? '' : debounced;
  const options = useOfferOptions(q);
  // The same checks as saving, run here as the text changes: a mistyped field is named at once, not printed blank.
  // They wait for the organisation's custom fields, so a custom.<key> it defines is never flagged on the way.
  const fields = useTemplateFields();
  const custom = fields.data?.custom;
  const checked = useMemo(() => (custom || fields.isError ? validateTemplate(draft.source, custom ?? []) : null), [draft.source, custom, fields.isError]);
  const problems = !checked || checked.ok ? [] : checked.problems.map((p) => ({ field: 'source', message: `line ${p.line}, column ${p.column}: ${p.message}` }));
  const ok = checked?.ok === true;
  const preview = useTemplatePreview(selected && ok ? { ...draft, offerId: selected.id } : null);

  const items = options.data?.items ?? [];
  const all = selected && !items.some((o) => o.id === selected.id) ? [selected, ...items] : items;
  const problem = preview.error instanceof ApiProblem ? preview.error : null;
  const busy = pending || !checked || (ok && preview.isFetching);

  return (
    <Stack gap="sm">
      <Group gap="xs" justify="space-between">
        <Title order={2} size="h3">
          {t('documents.preview.title')}
        </Title>
        {selected && busy && (
          <Group gap={6} role="status">
            <Loader size="xs" />
            <Text size="xs" c="gray.8">
              {t('documents.preview.updating')}
            </Text>
          </Group>
        )}
      </Group>
      <Text size="xs" c="gray.8">
        {t('documents.preview.hint')}
      </Text>
      <Select
        label={t('documents.preview.offer')}
        placeholder={t('documents.preview.offerPlaceholder')}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options: o }) => o}
        nothingFoundMessage={options.isFetching ? t('app.loading') : t('documents.preview.offerNothing')}
        data={all.map((o) => ({ value: o.id, label: optionLabel(o) }))}
        value={selected?.id ?? null}
        onChange={(id) => onSelect(all.find((o) => o.id === id) ?? null)}
      />
      {options.isError && <ProblemAlert error={options.error} onRetry={() => void options.refetch()} />}
      {!selected && (
        <Text size="sm" c="gray.8">
          {t('documents.preview.chooseOffer')}
        </Text>
      )}
      {problems.length > 0 && <SourceProblems problems={problems} title={problems.length === 1 ? t('documents.preview.problemsOne') : t('documents.preview.problems', { count: problems.length })} onGoTo={onGoTo} testId="template-check-problems" />}
      {ok && selected && problem?.fieldErrors.length ? (
        <SourceProblems problems={problem.fieldErrors} title={t('documents.preview.cannotRender')} onGoTo={onGoTo} testId="template-preview-problems" />
      ) : (
        preview.isError && <ProblemAlert error={preview.error} />
      )}
      {ok && selected && preview.data && !preview.isError && <DocumentFrame html={preview.data.html} title={t('documents.preview.frameTitle', { name: draft.name })} testId="template-preview" />}
    </Stack>
  );
}
