import { ActionIcon, Button, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { usStateCodes } from '../../core/us-states';
import { fieldOf, type NegotiableField, type NegotiablePath } from '../../flow/negotiation/deltas';
import { t } from '../i18n/t';
import '../i18n/shared.en';
import { currencySymbol, toMinorUnits } from '../lib/format';
import { describeValue } from '../lib/term-words';

export interface ChangeRow {
  field: NegotiablePath;
  /** As typed: dollars for money, text for the rest; converted by `rowValue`. */
  value: string;
}

/** The API value of a row: cents for money, numbers, booleans, text. */
export function rowValue(row: ChangeRow, currency: string): unknown {
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

interface Props {
  rows: ChangeRow[];
  onChange: (rows: ChangeRow[]) => void;
  fields: readonly NegotiableField[];
  current: Partial<Record<NegotiablePath, unknown>>;
  currency: string;
  /** The problem for row i, if the server named one. */
  errorAt: (i: number) => string | undefined;
  /** The words of the button that adds a row. */
  addLabel?: string;
}

/** Rows of "which term, and what value instead", one field at most once. */
export function ChangeRowsEditor({ rows, onChange, fields, current, currency, errorAt, addLabel = t('portal.changes.add') }: Props) {
  const update = (i: number, row: Partial<ChangeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const unused = fields.filter((f) => !rows.some((r) => r.field === f.path));
  return (
    <Stack gap="sm">
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
            {(rows.length > 1 || addLabel !== t('portal.changes.add')) && (
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('portal.changes.remove', { n: i + 1 })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                ×
              </ActionIcon>
            )}
          </Group>
          <Text size="xs" c="gray.8">
            {t('portal.changes.now', { value: describeValue(row.field, current[row.field], currency) })}
          </Text>
          <TermValueInput field={row.field} value={row.value} label={t('portal.changes.asked', { n: i + 1 })} currency={currency} error={errorAt(i)} onChange={(value) => update(i, { value })} />
        </Stack>
      ))}
      {unused.length > 0 && rows.length < 10 && (
        <Button variant="subtle" size="compact-sm" style={{ alignSelf: 'flex-start' }} onClick={() => onChange([...rows, { field: unused[0]!.path, value: '' }])}>
          {addLabel}
        </Button>
      )}
    </Stack>
  );
}

/** The input that suits a negotiable term: money with its symbol, a date, a state, yes or no, text. */
export function TermValueInput({ field, value, label, currency, error, onChange }: { field: string; value: string; label: string; currency: string; error?: string; onChange: (v: string) => void }) {
  const type = fieldOf(field)!.type;
  if (type === 'money' || type === 'percent' || type === 'number') {
    return (
      <NumberInput
        label={label}
        error={error}
        value={value}
        min={0}
        thousandSeparator=","
        prefix={type === 'money' ? currencySymbol(currency) : undefined}
        suffix={type === 'percent' ? '%' : undefined}
        decimalScale={type === 'number' ? 0 : 2}
        onChange={(v) => onChange(v === '' ? '' : String(v))}
      />
    );
  }
  if (type === 'state') return <NativeSelect label={label} error={error} value={value} onChange={(e) => onChange(e.currentTarget.value)} data={['', ...usStateCodes]} />;
  if (type === 'boolean') {
    return (
      <NativeSelect
        label={label}
        error={error}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        data={[
          { value: '', label: '' },
          { value: 'yes', label: t('portal.changes.yes') },
          { value: 'no', label: t('portal.changes.no') },
        ]}
      />
    );
  }
  return <TextInput label={label} error={error} type={type === 'date' ? 'date' : 'text'} value={value} maxLength={200} onChange={(e) => onChange(e.currentTarget.value)} />;
}
