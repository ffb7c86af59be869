import { Button, Group, Paper, PasswordInput, Select, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { useCreateUser } from '../api/admin-users';
import { roleOptions } from './role-label';
import { ScopeSelect } from './scope-select';

const empty = { name: '', email: '', role: 'recruiter', businessUnitId: null as string | null, password: '' };

export function AddUserForm() {
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState<string | null>(null);
  const create = useCreateUser();
  const problem = create.error instanceof ApiProblem ? create.error : null;
  // Server field problems sit next to their inputs; roles.0.businessUnitId is the scope field.
  const fieldError = (field: string) => problem?.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  const set = (patch: Partial<typeof empty>) => setForm((f) => ({ ...f, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const roles = [{ role: form.role, businessUnitId: form.businessUnitId }];
    create.mutate(
      { name: form.name.trim(), email: form.email.trim(), roles, ...(form.password ? { password: form.password } : {}) },
      {
        onSuccess: (user) => {
          setDone(t('admin.added', { email: user.email }));
          setForm(empty);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-labelledby="add-user-title">
      <Title order={2} size="h4" id="add-user-title" mb="sm">
        {t('admin.addUser')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('admin.name')} required maxLength={200} value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldError('name')} />
        <TextInput label={t('admin.email')} type="email" required maxLength={254} value={form.email} onChange={(e) => set({ email: e.currentTarget.value })} error={fieldError('email')} />
        <Select label={t('admin.role')} data={roleOptions} value={form.role} onChange={(v) => set({ role: v ?? 'recruiter' })} allowDeselect={false} error={fieldError('roles')} />
        <ScopeSelect value={form.businessUnitId} onChange={(v) => set({ businessUnitId: v })} />
        <PasswordInput
          label={t('admin.initialPassword')}
          description={t('admin.initialPasswordHint')}
          maxLength={128}
          value={form.password}
          onChange={(e) => set({ password: e.currentTarget.value })}
          error={fieldError('password')}
          autoComplete="new-password"
        />
      </SimpleGrid>
      {problem && problem.fieldErrors.length === 0 && <ProblemAlert error={problem} />}
      {done && (
        <Text role="status" mt="sm" size="sm" c="green.9">
          {done}
        </Text>
      )}
      <Group mt="md">
        <Button type="submit" loading={create.isPending}>
          {t('admin.addUserSubmit')}
        </Button>
      </Group>
    </Paper>
  );
}
