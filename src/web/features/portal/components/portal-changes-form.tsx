import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { negotiableFields, type NegotiablePath } from '../../../../flow/negotiation/deltas';
import { ChangeRowsEditor, rowValue, type ChangeRow } from '../../../components/change-rows-editor';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { ApiProblem } from '../../../lib/api-client';
import { useAskForChanges, type PortalOffer } from '../api/portal-offer';

/** What the candidate can see today, so each row can show "now: …" beside the value asked for. */
function currentValues(data: PortalOffer): Partial<Record<NegotiablePath, unknown>> {
  const o = data.offer;
  return {
    'compensation.baseSalaryCents': o.baseSalaryCents,
    'compensation.hourlyRateCents': o.hourlyRateCents,
    'compensation.signOnBonusCents': o.signOnBonusCents,
    'compensation.bonusTargetPercent': o.bonusTargetPercent,
    'compensation.equity.units': o.equityUnits,
    startDate: o.startDate,
    title: o.title,
    'location.city': o.location.city,
    'location.state': o.location.state,
    'location.remote': o.location.remote,
  };
}

/** Ask for changes: which terms, the values wanted, and a note to the recruiter. */
export function PortalChangesForm({ token, data, onDone, onCancel }: { token: string; data: PortalOffer; onDone: () => void; onCancel: () => void }) {
  const now = currentValues(data);
  // Salaried offers negotiate the salary, hourly ones the rate; the other terms apply to both.
  const payField = data.offer.payBasis === 'hourly' ? 'compensation.baseSalaryCents' : 'compensation.hourlyRateCents';
  const fields = negotiableFields.filter((f) => f.path in now && f.path !== payField);
  const [rows, setRows] = useState<ChangeRow[]>([{ field: fields[0]!.path, value: '' }]);
  const [comment, setComment] = useState('');
  const ask = useAskForChanges(token);
  const problems = ask.error instanceof ApiProblem ? ask.error.fieldErrors : [];
  const errorAt = (i: number) => problems.find((p) => p.field.startsWith(`changes.${i}`))?.message;

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('portal.changes.title')}
        </Title>
        <Text size="sm">{t('portal.changes.intro')}</Text>
        <ChangeRowsEditor rows={rows} onChange={setRows} fields={fields} current={now} currency={data.offer.currency} errorAt={errorAt} />
        <Textarea label={t('portal.changes.comment')} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {ask.isError && problems.length === 0 && <ProblemAlert error={ask.error} />}
        <Group gap="xs">
          <Button
            loading={ask.isPending}
            disabled={rows.some((r) => r.value === '')}
            onClick={() => ask.mutate({ changes: rows.map((r) => ({ field: r.field, asked: rowValue(r, data.offer.currency) })), comment }, { onSuccess: onDone })}
          >
            {t('portal.changes.submit')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('portal.back')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
