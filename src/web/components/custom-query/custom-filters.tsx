import { Button, Group, MultiSelect, Pill, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { t } from '../../i18n/t';
import '../../i18n/shared.en';
import { customCellText, useQueryableFields, type CustomFilters, type QueryableField } from '../../lib/custom-query';
import { boundsInverted, boundText, boundToParam, filterChips, isRangeType, rangeText, withRange, type FilterChip } from '../../lib/custom-range';
import { RangeInputs, type RangeInput } from './range-inputs';

const words = () => ({ yes: t('customQuery.yes'), no: t('customQuery.no') });

/** A filter's value as its chip says it: the option's label, yes / no, money or a date in words, a range, or the text itself. */
function chipText(field: QueryableField | undefined, chip: FilterChip): string {
  if (chip.kind === 'range') return rangeText(field?.type, chip.min, chip.max);
  if (field?.type === 'boolean') return customCellText(field, chip.raw === 'true', words());
  if (isRangeType(field?.type)) return boundText(field?.type, chip.raw);
  return customCellText(field, chip.raw, words());
}

/** A new filter from the form: one value, or a range's bounds as the query string carries them. */
type NewFilter = { key: string; raw: string } | { key: string; min?: string; max?: string };

interface FiltersProps {
  value: CustomFilters | undefined;
  onChange: (next: CustomFilters | undefined) => void;
}

/**
 * The active custom field filters as removable chips (a range is one chip), and a popover to add
 * one: pick a field (only those every one of your roles reads, as the server requires), then a
 * value its type allows, or from / to for number, money and date fields.
 */
export function CustomFilterControl({ value, onChange }: FiltersProps) {
  const fields = useQueryableFields();
  const [open, setOpen] = useState(false);
  const byKey = new Map((fields.data ?? []).map((f) => [f.key, f]));
  const filterable = (fields.data ?? []).filter((f) => f.filterable);
  const active = filterChips(value);
  const remove = (chip: FilterChip) => {
    const rest = Object.fromEntries(Object.entries(value ?? {}).filter(([name]) => !chip.params.includes(name)));
    onChange(Object.keys(rest).length ? rest : undefined);
  };
  const add = (f: NewFilter) => {
    const next = 'raw' in f ? { ...(value ?? {}), [`custom.${f.key}`]: f.raw } : withRange(value, f.key, f);
    onChange(next);
  };
  if (filterable.length === 0 && active.length === 0) return null;

  return (
    <Group gap="xs" aria-label={t('customQuery.filters')} role="group">
      {active.map((chip) => {
        const field = byKey.get(chip.key);
        const label = field?.label ?? chip.params[0]!;
        return (
          <Pill key={chip.params.join()} withRemoveButton onRemove={() => remove(chip)} removeButtonProps={{ 'aria-label': t('customQuery.remove', { label }) }}>
            {t('customQuery.chip', { label, value: chipText(field, chip) })}
          </Pill>
        );
      })}
      <Popover opened={open} onChange={setOpen} position="bottom-start" withinPortal trapFocus>
        <Popover.Target>
          <Button variant="subtle" size="compact-sm" onClick={() => setOpen((o) => !o)}>
            {t('customQuery.addFilter')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown miw={280}>
          {filterable.length === 0 ? (
            <Text size="sm">{t('customQuery.noFields')}</Text>
          ) : (
            <AddFilterForm
              fields={filterable}
              onAdd={(f) => {
                add(f);
                setOpen(false);
              }}
            />
          )}
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}

const noRange: RangeInput = { min: '', max: '' };

/** Pick a field, then one value (a choice, yes / no, text) or, for number, money and date fields, a from / to range. */
function AddFilterForm({ fields, onAdd }: { fields: QueryableField[]; onAdd: (f: NewFilter) => void }) {
  const [key, setKey] = useState<string | null>(fields[0]?.key ?? null);
  const [raw, setRaw] = useState('');
  const [range, setRange] = useState<RangeInput>(noRange);
  const field = fields.find((f) => f.key === key);
  const ranged = field && isRangeType(field.type);
  const min = field ? boundToParam(field.type, range.min) : undefined;
  const max = field ? boundToParam(field.type, range.max) : undefined;
  const rangeError = ranged && boundsInverted(field.type, min, max) ? t('customQuery.rangeInverted') : undefined;
  const ready = ranged ? (min !== undefined || max !== undefined) && !boundsInverted(field.type, min, max) : !!raw.trim();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!key || !ready) return;
    onAdd(ranged ? { key, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) } : { key, raw: raw.trim() });
  };
  const choices =
    field?.type === 'boolean'
      ? [
          { value: 'true', label: t('customQuery.yes') },
          { value: 'false', label: t('customQuery.no') },
        ]
      : field?.options;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Select
          label={t('customQuery.field')}
          data={fields.map((f) => ({ value: f.key, label: f.label }))}
          value={key}
          onChange={(k) => {
            setKey(k);
            setRaw('');
            setRange(noRange);
          }}
          allowDeselect={false}
          searchable
          comboboxProps={{ withinPortal: false }}
        />
        {ranged ? (
          <RangeInputs type={field.type} value={range} onChange={setRange} error={rangeError} />
        ) : choices ? (
          <Select label={t('customQuery.value')} data={choices} value={raw || null} onChange={(v) => setRaw(v ?? '')} searchable comboboxProps={{ withinPortal: false }} />
        ) : (
          <TextInput label={t('customQuery.value')} value={raw} onChange={(e) => setRaw(e.currentTarget.value)} />
        )}
        <Group justify="flex-end">
          <Button type="submit" size="compact-sm" disabled={!key || !ready}>
            {t('customQuery.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ColumnsProps {
  value: string[] | undefined;
  onChange: (next: string[] | undefined) => void;
}

/** Which custom fields the rows show as extra columns (`custom.<key>`), among those one of your roles reads. */
export function CustomColumnsPicker({ value, onChange }: ColumnsProps) {
  const fields = useQueryableFields();
  const data = (fields.data ?? []).map((f) => ({ value: `custom.${f.key}`, label: f.label }));
  if (data.length === 0) return null;
  return (
    <MultiSelect
      label={t('customQuery.columns')}
      placeholder={value?.length ? undefined : t('customQuery.columnsPlaceholder')}
      data={data}
      value={value ?? []}
      onChange={(next) => onChange(next.length ? next : undefined)}
      clearable
      searchable
      hidePickedOptions
      maxDropdownHeight={240}
    />
  );
}
