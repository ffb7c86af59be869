import { Alert, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { toneText } from '../../../components/tone';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { useCandidates, type Candidate } from '../api/candidates';
import { useRequisitions } from '../api/requisitions';
import type { IntakeFieldProps } from './field-props';
import type { PrefillNote } from './use-intake-form';

interface Props {
  field: IntakeFieldProps;
  requisitionId: string;
  /** Set when editing: the candidate and requisition of a draft are fixed. */
  fixed?: { candidateName: string };
  prefillNote: PrefillNote | null;
  onRequisition: (id: string | null) => void;
}

const candidateLabel = (c: Candidate) => t('intake.candidateOption', { name: `${c.firstName} ${c.lastName}`, email: c.email });

export function WhoFields({ field, requisitionId, fixed, prefillNote, onRequisition }: Props) {
  const [search, setSearch] = useState('');
  const candidates = useCandidates(search);
  const requisitions = useRequisitions();
  const candidateProps = field('candidateId', { select: true });
  // The picker can only show a chosen value that is among its options, so keep the chosen one.
  const chosen = useRef(new Map<string, string>());
  for (const c of candidates.data ?? []) chosen.current.set(c.id, candidateLabel(c));

  const candidateOptions = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    const add = (value: string, label: string) => {
      if (!seen.has(value)) out.push({ value, label }), seen.add(value);
    };
    const current = candidateProps.value as string;
    if (current && chosen.current.has(current)) add(current, chosen.current.get(current)!);
    for (const c of candidates.data ?? []) add(c.id, candidateLabel(c));
    return out;
  }, [candidates.data, candidateProps.value]);

  const requisitionOptions = (requisitions.data ?? [])
    .filter((r) => r.status === 'open' || r.id === requisitionId)
    .map((r) => ({ value: r.id, label: t('intake.requisitionOption', { code: r.code, title: r.title, city: r.locationCity, state: r.locationState }) }));
  const code = requisitions.data?.find((r) => r.id === requisitionId)?.code ?? '';

  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {fixed ? (
          <TextInput label={t('field.candidateId')} value={fixed.candidateName} readOnly variant="filled" />
        ) : (
          <Select
            {...candidateProps}
            label={t('field.candidateId')}
            placeholder={t('intake.candidatePlaceholder')}
            data={candidateOptions}
            searchable
            openOnFocus={false}
            searchValue={search}
            onSearchChange={setSearch}
            nothingFoundMessage={t('intake.candidateNone')}
            filter={({ options, search: s }) => {
              const words = s.toLowerCase().split(/\s+/).filter(Boolean);
              return options.filter((o) => 'label' in o && words.every((w) => o.label.toLowerCase().includes(w)));
            }}
            required
            clearable
          />
        )}
        <Select
          {...field('requisitionId', { select: true })}
          onChange={(v) => onRequisition(v)}
          label={t('field.requisitionId')}
          placeholder={t('intake.requisitionPlaceholder')}
          description={fixed ? undefined : t('intake.requisitionHint')}
          // The hint goes under the input so the candidate and requisition inputs line up.
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          data={requisitionOptions}
          searchable
          openOnFocus={false}
          clearable={!fixed}
          readOnly={!!fixed}
          variant={fixed ? 'filled' : 'default'}
        />
      </SimpleGrid>
      {prefillNote && (
        <Alert color={prefillNote.ok ? 'blue' : 'orange'} variant="light" mt="md" role="status" p="xs">
          <Text size="sm" style={{ color: toneText(prefillNote.ok ? 'blue' : 'orange') }}>
            {prefillNote.ok ? t('intake.prefilled', { code }) : prefillNote.text}
          </Text>
        </Alert>
      )}
    </>
  );
}
