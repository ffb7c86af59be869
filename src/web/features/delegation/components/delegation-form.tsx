import { Button, Group, Paper, Select, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { toneText } from '../../../components/tone';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { useUsers } from '../../../lib/directory';
import { formatDateTime } from '../../../lib/format';
import { useSetDelegation } from '../api/delegation';

/** "2027-03-01T09:00" from a datetime-local input, read in the browser's time zone, as an ISO instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function DelegationForm({ myId, onSaved }: { myId: string | undefined; onSaved: () => void }) {
  const users = useUsers();
  const save = useSetDelegation();
  const [delegateId, setDelegateId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<{ delegate?: string; until?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const problem = save.error instanceof ApiProblem ? save.error : null;
  const serverError = (field: string) => problem?.fieldErrors.find((e) => e.field === field)?.message;
  const colleagues = (users.data ?? []).filter((u) => u.id !== myId).map((u) => ({ value: u.id, label: u.name }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const next = {
      delegate: delegateId ? undefined : t('delegation.delegateRequired'),
      until: !until ? t('delegation.untilRequired') : from && new Date(until) <= new Date(from) ? t('delegation.untilAfterFrom') : undefined,
    };
    setErrors(next);
    if (next.delegate || next.until || !delegateId) return;
    const startsAt = toInstant(from);
    save.mutate(
      { delegateId, endsAt: toInstant(until)!, ...(startsAt ? { startsAt } : {}) },
      {
        onSuccess: (data) => {
          const d = data.delegations[0];
          if (d) setDone(t('delegation.saved', { name: d.delegate.name, until: formatDateTime(d.endsAt) }));
          onSaved();
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-labelledby="delegation-form-title" noValidate>
      <Title order={2} size="h4" id="delegation-form-title">
        {t('delegation.formTitle')}
      </Title>
      <Text size="sm" c="gray.8" mb="sm">
        {t('delegation.replaceHint')}
      </Text>
      {users.isError && <ProblemAlert error={users.error} onRetry={() => void users.refetch()} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('delegation.delegate')}
          placeholder={t('delegation.delegatePlaceholder')}
          searchable
          required
          data={colleagues}
          value={delegateId}
          onChange={setDelegateId}
          error={errors.delegate ?? serverError('delegateId')}
        />
        <TextInput type="datetime-local" label={t('delegation.from')} description={t('delegation.fromHint')} inputWrapperOrder={['label', 'input', 'description', 'error']} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={serverError('startsAt')} />
        <TextInput type="datetime-local" label={t('delegation.until')} required value={until} onChange={(e) => setUntil(e.currentTarget.value)} error={errors.until ?? serverError('endsAt')} />
      </SimpleGrid>
      {problem && problem.fieldErrors.length === 0 && <ProblemAlert error={problem} />}
      {done && (
        <Text role="status" mt="sm" size="sm" style={{ color: toneText('green') }}>
          {done}
        </Text>
      )}
      <Group mt="md">
        <Button type="submit" loading={save.isPending}>
          {t('delegation.save')}
        </Button>
      </Group>
    </Paper>
  );
}
