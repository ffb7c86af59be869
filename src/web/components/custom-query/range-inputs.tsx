import { Group, NumberInput, Text, TextInput } from '@mantine/core';
import type { FieldDefinition } from '../../../flow/fields/field-definition.schema';
import { t } from '../../i18n/t';
import '../../i18n/shared.en';
import { currencySymbol } from '../../lib/format';

/** What the from / to inputs hold: money in dollars, numbers as typed, dates 'YYYY-MM-DD'; '' when empty. */
export interface RangeInput {
  min: string | number;
  max: string | number;
}

interface Props {
  type: FieldDefinition['type'];
  value: RangeInput;
  onChange: (next: RangeInput) => void;
  error?: string;
}

/** From / to for a number, money or date field, the same controls the intake form uses for the type. */
export function RangeInputs({ type, value, onChange, error }: Props) {
  const input = (bound: 'min' | 'max') => {
    const label = bound === 'min' ? t('customQuery.from') : t('customQuery.to');
    const set = (v: string | number) => onChange({ ...value, [bound]: v });
    if (type === 'date') return <TextInput label={label} type="date" value={String(value[bound])} onChange={(e) => set(e.currentTarget.value)} style={{ flex: 1 }} />;
    return (
      <NumberInput
        label={label}
        value={value[bound]}
        onChange={set}
        thousandSeparator=","
        hideControls
        style={{ flex: 1 }}
        {...(type === 'money' ? { prefix: currencySymbol('USD'), decimalScale: 2, allowNegative: false } : {})}
      />
    );
  };
  return (
    <div>
      <Group gap="xs" grow wrap="nowrap" align="flex-start">
        {input('min')}
        {input('max')}
      </Group>
      <Text size="xs" c={error ? 'red.8' : 'gray.7'} mt={4} role={error ? 'alert' : undefined}>
        {error ?? t('customQuery.rangeHelp')}
      </Text>
    </div>
  );
}
