import { Button, Group, Input, Stack, TextInput } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { FieldProblem } from '../../../lib/api-client';
import { problemsAt } from './field-draft';

interface Props {
  options: { value: string; label: string }[];
  onChange: (options: { value: string; label: string }[]) => void;
  problems: readonly FieldProblem[];
}

/** The choices of a select: a stored value and the label people see, one row each. */
export function OptionsEditor({ options, onChange, problems }: Props) {
  const set = (i: number, patch: Partial<{ value: string; label: string }>) => onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <Input.Wrapper label={t('fields.options')} description={t('fields.optionsHelp')} error={problemsAt(problems, 'options', true)} required>
      <Stack gap="xs" mt={6}>
        {options.map((o, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label={t('fields.optionLabel', { n: i + 1 })}
              value={o.label}
              onChange={(e) => set(i, { label: e.currentTarget.value })}
              error={problemsAt(problems, `options.${i}.label`)}
              style={{ flex: 2 }}
              maxLength={100}
            />
            <TextInput
              label={t('fields.optionValue', { n: i + 1 })}
              value={o.value}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
              error={problemsAt(problems, `options.${i}.value`)}
              style={{ flex: 1 }}
              maxLength={60}
            />
            <Button variant="subtle" color="red" c="red.9" mt={25} onClick={() => onChange(options.filter((_, j) => j !== i))} aria-label={t('fields.optionRemove', { n: i + 1 })}>
              {t('fields.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => onChange([...options, { value: '', label: '' }])}>
            {t('fields.optionAdd')}
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
