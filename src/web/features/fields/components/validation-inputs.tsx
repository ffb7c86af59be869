import { Group, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { FieldProblem } from '../../../lib/api-client';
import { fieldTypeHas, problemsAt, takesValue, whenOps, type FieldDraft } from './field-draft';

interface Props {
  draft: FieldDraft;
  set: (patch: Partial<FieldDraft>) => void;
  problems: readonly FieldProblem[];
}

const boundLabel = (type: string) => (type === 'money' ? 'fields.boundMoney' : type === 'date' ? 'fields.boundDate' : type === 'number' ? 'fields.boundNumber' : type === 'multi_select' ? 'fields.boundChoices' : 'fields.boundChars');

/** Required (always, never, or when a condition holds), limits and pattern, as the type allows. */
export function ValidationInputs({ draft, set, problems }: Props) {
  const when = 'validation.requiredWhen';
  return (
    <Stack gap="sm">
      <Radio.Group label={t('fields.required')} value={draft.required} onChange={(v) => set({ required: v as FieldDraft['required'] })} error={problemsAt(problems, 'validation.required')}>
        <Group mt={6} gap="lg">
          <Radio value="no" label={t('fields.requiredNo')} />
          <Radio value="always" label={t('fields.requiredAlways')} />
          <Radio value="when" label={t('fields.requiredWhen')} />
        </Group>
      </Radio.Group>
      {draft.required === 'when' && (
        <Stack gap={4}>
          {draft.whenCompound !== undefined && !draft.whenField ? (
            <Text size="sm">{t('fields.whenCompound')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput label={t('fields.whenField')} description={t('fields.whenFieldHelp')} value={draft.whenField} onChange={(e) => set({ whenField: e.currentTarget.value })} error={problemsAt(problems, `${when}.field`) ?? problemsAt(problems, when, true)} maxLength={100} />
              <Select label={t('fields.whenOp')} data={whenOps.map((op) => ({ value: op, label: t(`fields.op.${op}`) }))} value={draft.whenOp} onChange={(v) => set({ whenOp: v ?? 'eq' })} allowDeselect={false} error={problemsAt(problems, `${when}.op`)} />
              {takesValue(draft.whenOp) && (
                <TextInput label={t('fields.whenValue')} description={t('fields.whenValueHelp')} value={draft.whenValue} onChange={(e) => set({ whenValue: e.currentTarget.value })} error={problemsAt(problems, `${when}.value`)} maxLength={500} />
              )}
            </SimpleGrid>
          )}
        </Stack>
      )}
      {fieldTypeHas.bounds(draft.type) && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('fields.min')} description={t(boundLabel(draft.type))} value={draft.min} onChange={(e) => set({ min: e.currentTarget.value })} error={problemsAt(problems, 'validation.min')} type={draft.type === 'date' ? 'date' : 'text'} maxLength={20} />
          <TextInput label={t('fields.max')} description={t(boundLabel(draft.type))} value={draft.max} onChange={(e) => set({ max: e.currentTarget.value })} error={problemsAt(problems, 'validation.max')} type={draft.type === 'date' ? 'date' : 'text'} maxLength={20} />
        </SimpleGrid>
      )}
      {fieldTypeHas.pattern(draft.type) && (
        <TextInput label={t('fields.pattern')} description={t('fields.patternHelp')} value={draft.pattern} onChange={(e) => set({ pattern: e.currentTarget.value })} error={problemsAt(problems, 'validation.pattern')} maxLength={200} ff="monospace" />
      )}
    </Stack>
  );
}
