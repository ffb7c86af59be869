import { Button, Group, MultiSelect, Pill, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { t } from '../../i18n/t';
import '../../i18n/shared.en';
import { customCellText, keyOf, useQueryableFields, type CustomFilters, type QueryableField } from '../../lib/custom-query';

const words = () => ({ yes: t('customQuery.yes'), no: t('customQuery.no') });

/** A filter's value as its chip says it: the option's label, yes / no, or the text itself. */
function valueText(field: QueryableField | undefined, raw: string): string {
  if (field?.type === 'boolean') return customCellText(field, raw === 'true', words());
  return customCellText(field, raw, words());
}

interface FiltersProps {
  value: CustomFilters | undefined;
  onChange: (next: CustomFilters | undefined) => void;
}

/**
 * The active custom field filters as removable chips, and a popover to add one: pick a field
 * (only those every one of your roles reads, as the server requires), then a value its type allows.
 */
export function CustomFilterControl({ value, onChange }: FiltersProps) {
  const fields = useQueryableFields();
  const [open, setOpen] = useState(false);
  const byKey = new Map((fields.data ?? []).map((f) => [f.key, f]));
  const filterable = (fields.data ?? []).filter((f) => f.filterable);
  const active = Object.entries(value ?? {});
  const remove = (name: string) => {
    const { [name]: _gone, ...rest } = value ?? {};
    onChange(Object.keys(rest).length ? rest : undefined);
  };
  if (filterable.length === 0 && active.length === 0) return null;

  return (
    <Group gap="xs" aria-label={t('customQuery.filters')} role="group">
      {active.map(([name, raw]) => {
        const field = byKey.get(keyOf(name));
        const label = field?.label ?? name;
        return (
          <Pill key={name} withRemoveButton onRemove={() => remove(name)} removeButtonProps={{ 'aria-label': t('customQuery.remove', { label }) }}>
            {t('customQuery.chip', { label, value: valueText(field, raw) })}
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
              onAdd={(key, raw) => {
                onChange({ ...(value ?? {}), [`custom.${key}`]: raw });
                setOpen(false);
              }}
            />
          )}
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}

function AddFilterForm({ fields, onAdd }: { fields: QueryableField[]; onAdd: (key: string, raw: string) => void }) {
  const [key, setKey] = useState<string | null>(fields[0]?.key ?? null);
  const [raw, setRaw] = useState('');
  const field = fields.find((f) => f.key === key);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (key && raw.trim()) onAdd(key, raw.trim());
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
          }}
          allowDeselect={false}
          searchable
          comboboxProps={{ withinPortal: false }}
        />
        {choices ? (
          <Select label={t('customQuery.value')} data={choices} value={raw || null} onChange={(v) => setRaw(v ?? '')} searchable comboboxProps={{ withinPortal: false }} />
        ) : (
          <TextInput label={t('customQuery.value')} value={raw} onChange={(e) => setRaw(e.currentTarget.value)} type={field?.type === 'date' ? 'date' : 'text'} />
        )}
        <Group justify="flex-end">
          <Button type="submit" size="compact-sm" disabled={!key || !raw.trim()}>
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
