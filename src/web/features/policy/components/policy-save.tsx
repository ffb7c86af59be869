import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { toneText } from '../../../components/tone';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { useSavePolicy, withoutPolicyPrefix, type PolicySource } from '../api/policies';
import { PolicyProblems } from './policy-problems';

/** Saves the editor's text as the next version, or lists why the server refused it. */
export function PolicySave({ value, onGoToLine }: { value: PolicySource; onGoToLine: (line: number) => void }) {
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const save = useSavePolicy();
  const problem = save.error instanceof ApiProblem ? save.error : null;
  // A refusal describes the text as it was sent; once the text changes it would only mislead.
  const { reset, isError } = save;
  useEffect(() => {
    if (isError) reset();
  }, [value.source, value.format]);
  const fieldProblems = problem?.fieldErrors.map((e) => ({ path: withoutPolicyPrefix(e.field), message: e.message })) ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    save.mutate(
      { ...value, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (v) => {
          setSaved(v.number);
          setNote('');
        },
      },
    );
  };

  return (
    <Stack gap="xs" component="form" onSubmit={submit} mt="xs">
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label={t('policy.note')}
          placeholder={t('policy.notePlaceholder')}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
        />
        <Button type="submit" loading={save.isPending}>
          {t('policy.save')}
        </Button>
      </Group>
      {saved !== null && (
        <Text size="sm" role="status" style={{ color: toneText('green') }}>
          {t('policy.saved', { number: saved })}
        </Text>
      )}
      {save.isError && fieldProblems.length > 0 && (
        <PolicyProblems problems={fieldProblems} source={value.source} title={t('policy.saveRefused')} onGoToLine={onGoToLine} />
      )}
      {save.isError && fieldProblems.length === 0 && <ProblemAlert error={save.error} />}
    </Stack>
  );
}
