import { ActionIcon, Button, Group, NativeSelect, NumberInput, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { usStateCodes } from '../../../../core/us-states';
import { fieldOf, negotiableFields, type NegotiablePath } from '../../../../flow/negotiation/deltas';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import { ApiProblem } from '../../../lib/api-client';
import { currencySymbol, toMinorUnits } from '../../../lib/format';
import { useAskForChanges, type PortalOffer } from '../api/portal-offer';
import { describeValue } from './asked-change-words';

interface Row {
  field: NegotiablePath;
  /** As typed: dollars for money, text for the rest; converted on sending. */
  value: string;
}

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

function toAsked(row: Row, currency: string): unknown {
  switch (fieldOf(row.field)!.type) {
    case 'money':
      return row.value === '' ? null : toMinorUnits(Number(row.value), currency);
    case 'percent':
    case 'number':
      return row.value === '' ? null : Number(row.value);
    case 'boolean':
      return row.value === 'yes';
    default:
      return row.value;
  }
}

/** Ask for changes: which terms, the values wanted, and a note to the recruiter. */
export function PortalChangesForm({ token, data, onDone, onCancel }: { token: string; data: PortalOffer; onDone: () => void; onCancel: () => void }) {
  const now = currentValues(data);
  // Salaried offers negotiate the salary, hourly ones the rate; the other terms apply to both.
  const payField = data.offer.payBasis === 'hourly' ? 'compensation.baseSalaryCents' : 'compensation.hourlyRateCents';
  const fields = negotiableFields.filter((f) => f.path in now && f.path !== payField);
  const [rows, setRows] = useState<Row[]>([{ field: fields[0]!.path, value: '' }]);
  const [comment, setComment] = useState('');
  const ask = useAskForChanges(token);
  const problems = ask.error instanceof ApiProblem ? ask.error.fieldErrors : [];
  const errorAt = (i: number) => problems.find((p) => p.field === `changes.${i}.asked` || p.field === `changes.${i}.field` || p.field === `changes.${i}`)?.message;
  const update = (i: number, row: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const unused = fields.filter((f) => !rows.some((r) => r.field === f.path));

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('portal.changes.title')}
        </Title>
        <Text size="sm">{t('portal.changes.intro')}</Text>
        {rows.map((row, i) => (
          <Stack key={i} gap={4} p="xs" bd="1px solid gray.3" style={{ borderRadius: 6 }} data-testid="change-row">
            <Group gap="xs" align="end" wrap="nowrap">
              <NativeSelect
                style={{ flex: 1 }}
                label={t('portal.changes.field', { n: i + 1 })}
                value={row.field}
                onChange={(e) => update(i, { field: e.currentTarget.value as NegotiablePath, value: '' })}
                data={fields.filter((f) => f.path === row.field || unused.includes(f)).map((f) => ({ value: f.path, label: f.label }))}
              />
              {rows.length > 1 && (
                <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('portal.changes.remove', { n: i + 1 })} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  ×
                </ActionIcon>
              )}
            </Group>
            <Text size="xs" c="gray.8">
              {t('portal.changes.now', { value: describeValue(row.field, now[row.field], data.offer.currency) })}
            </Text>
            <AskedValueInput row={row} index={i} currency={data.offer.currency} error={errorAt(i)} onChange={(value) => update(i, { value })} />
          </Stack>
        ))}
        {unused.length > 0 && rows.length < 10 && (
          <Button variant="subtle" size="compact-sm" style={{ alignSelf: 'flex-start' }} onClick={() => setRows([...rows, { field: unused[0]!.path, value: '' }])}>
            {t('portal.changes.add')}
          </Button>
        )}
        <Textarea label={t('portal.changes.comment')} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {ask.isError && problems.length === 0 && <ProblemAlert error={ask.error} />}
        <Group gap="xs">
          <Button
            loading={ask.isPending}
            disabled={rows.some((r) => r.value === '')}
            onClick={() => ask.mutate({ changes: rows.map((r) => ({ field: r.field, asked: toAsked(r, data.offer.currency) })), comment }, { onSuccess: onDone })}
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

function AskedValueInput({ row, index, currency, error, onChange }: { row: Row; index: number; currency: string; error?: string; onChange: (v: string) => void }) {
  const label = t('portal.changes.asked', { n: index + 1 });
  const type = fieldOf(row.field)!.type;
  if (type === 'money' || type === 'percent' || type === 'number') {
    return (
      <NumberInput
        label={label}
        error={error}
        value={row.value}
        min={0}
        thousandSeparator=","
        prefix={type === 'money' ? currencySymbol(currency) : undefined}
        suffix={type === 'percent' ? '%' : undefined}
        decimalScale={type === 'number' ? 0 : 2}
        onChange={(v) => onChange(v === '' ? '' : String(v))}
      />
    );
  }
  if (type === 'state') return <NativeSelect label={label} error={error} value={row.value} onChange={(e) => onChange(e.currentTarget.value)} data={['', ...usStateCodes]} />;
  if (type === 'boolean') {
    return (
      <NativeSelect
        label={label}
        error={error}
        value={row.value}
        onChange={(e) => onChange(e.currentTarget.value)}
        data={[
          { value: '', label: '' },
          { value: 'yes', label: t('portal.changes.yes') },
          { value: 'no', label: t('portal.changes.no') },
        ]}
      />
    );
  }
  return <TextInput label={label} error={error} type={type === 'date' ? 'date' : 'text'} value={row.value} maxLength={200} onChange={(e) => onChange(e.currentTarget.value)} />;
}
