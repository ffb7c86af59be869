import { Button, Group, NativeSelect, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { useAdminUsers } from '../../admin/api/admin-users';
import { useSaveSigningSettings, type SigningSettingsView } from '../api/signing-settings';

const fieldError = (error: unknown, field: string) => (error instanceof ApiProblem ? error.fieldErrors.find((p) => p.field === field || p.field.startsWith(`${field}.`))?.message : undefined);

/** Who countersigns for the company and when, and the reminders a candidate gets before expiry. */
export function SigningSettingsForm({ settings }: { settings: SigningSettingsView }) {
  const users = useAdminUsers();
  const save = useSaveSigningSettings();
  const [signatory, setSignatory] = useState(settings.signatoryUserId ?? '');
  const [order, setOrder] = useState(settings.countersignOrder);
  const [days, setDays] = useState(settings.candidateReminderDays.join(', '));
  const parsedDays = days.trim() === '' ? [] : days.split(/[\s,]+/).filter(Boolean).map(Number);
  const active = (users.data ?? []).filter((u) => !u.disabledAt);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="signing-settings-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="signing-settings-title">
          {t('signingSettings.title')}
        </Title>
        <NativeSelect
          label={t('signingSettings.signatory')}
          description={t('signingSettings.signatoryHelp')}
          value={signatory}
          onChange={(e) => setSignatory(e.currentTarget.value)}
          error={fieldError(save.error, 'signatoryUserId')}
          data={[{ value: '', label: t('signingSettings.noSignatory') }, ...active.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))]}
        />
        <Radio.Group label={t('signingSettings.order')} value={order} onChange={(v) => setOrder(v as 'before' | 'after')}>
          <Stack gap={6} mt={6}>
            <Radio value="after" label={t('signingSettings.orderAfter')} />
            <Radio value="before" label={t('signingSettings.orderBefore')} />
          </Stack>
        </Radio.Group>
        <TextInput
          label={t('signingSettings.reminders')}
          description={t('signingSettings.remindersHelp')}
          value={days}
          onChange={(e) => setDays(e.currentTarget.value)}
          error={fieldError(save.error, 'candidateReminderDays') ?? (parsedDays.some((d) => !Number.isInteger(d)) ? t('signingSettings.remindersInvalid') : undefined)}
        />
        {save.isError && (save.error as ApiProblem).fieldErrors?.length === 0 && <ProblemAlert error={save.error} />}
        <Group gap="sm">
          <Button
            loading={save.isPending}
            disabled={parsedDays.some((d) => !Number.isInteger(d))}
            onClick={() => save.mutate({ signatoryUserId: signatory || null, countersignOrder: order, candidateReminderDays: parsedDays })}
          >
            {t('signingSettings.save')}
          </Button>
          {save.isSuccess && (
            <Text size="sm" role="status">
              {t('signingSettings.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
