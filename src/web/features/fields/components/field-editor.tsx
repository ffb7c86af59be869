import { Autocomplete, Button, Checkbox, Divider, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldTypes } from '../../../../flow/fields/field-definition.schema';
import { roles } from '../../../../core/roles';
import { ProblemAlert } from '../../../components/problem-alert';
import { t, tOr } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { ApiProblem } from '../../../lib/api-client';
import type { BusinessUnit } from '../../../lib/directory';
import { humanize } from '../../../lib/labels';
import { useCreateField, useUpdateField, type CustomField } from '../api/fields';
import { bodyFromDraft, draftFromField, emptyDraft, fieldTypeHas, problemsAt, type FieldDraft } from './field-draft';
import { OptionsEditor } from './options-editor';
import { ValidationInputs } from './validation-inputs';
import { DefaultValueInput } from './default-value-input';

/** Paths the inputs of this editor show; any other problem goes to the banner. */
const shown = /^(key|label|type|helpText|section|options|validation|default|access|sensitive|businessUnitId)(\.|$)/;

export const roleOptions = roles.map((r) => ({ value: r, label: tOr(`role.${r}`, humanize(r)) }));
const typeOptions = fieldTypes.map((ty) => ({ value: ty, label: t(`fields.type.${ty}`) }));
const keyFrom = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+|_+$/g, '').slice(0, 40);

interface Props {
  /** The field to change, or null for a new one. */
  field: CustomField | null;
  /** A new field: its scope and place (last in the form). */
  scope: string | null;
  nextOrder: number;
  units: BusinessUnit[];
  sections: string[];
  onClose: () => void;
}

/** Define a field, or save its next version (If-Match); problems show next to their inputs. */
export function FieldEditor({ field, scope, nextOrder, units, sections, onClose }: Props) {
  const [draft, setDraft] = useState<FieldDraft>(() => (field ? draftFromField(field) : emptyDraft(scope, nextOrder, sections[0])));
  const [keyEdited, setKeyEdited] = useState(!!field);
  const create = useCreateField();
  const update = useUpdateField();
  const save = field ? update : create;
  const problems = save.error instanceof ApiProblem ? save.error.fieldErrors : [];
  const at = (path: string) => problemsAt(problems, path);
  const set = (patch: Partial<FieldDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = () => {
    const body = bodyFromDraft(draft);
    const done = { onSuccess: onClose };
    if (field) update.mutate({ field, body }, done);
    else create.mutate({ ...body, businessUnitId: draft.businessUnitId }, done);
  };
  const unplaced = save.error && !(save.error instanceof ApiProblem && save.error.fieldErrors.length > 0 && save.error.fieldErrors.every((p) => shown.test(p.field)));

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('action.close') }} size="xl" title={field ? t('fields.editTitle', { label: field.definition.label }) : t('fields.newTitle')} styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          {!field && (
            <Select
              label={t('fields.scope')}
              data={[{ value: '', label: t('fields.scopeOrg') }, ...units.map((u) => ({ value: u.id, label: u.name }))]}
              value={draft.businessUnitId ?? ''}
              onChange={(v) => set({ businessUnitId: v || null })}
              allowDeselect={false}
              error={at('businessUnitId')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('fields.label')}
              required
              value={draft.label}
              maxLength={100}
              onChange={(e) => {
                const label = e.currentTarget.value;
                set(keyEdited ? { label } : { label, key: keyFrom(label) });
              }}
              error={at('label')}
              data-autofocus
            />
            <TextInput
              label={t('fields.key')}
              description={t('fields.keyHelp', { key: draft.key || 'key' })}
              required
              disabled={!!field}
              value={draft.key}
              maxLength={40}
              onChange={(e) => {
                setKeyEdited(true);
                set({ key: e.currentTarget.value });
              }}
              error={at('key')}
            />
            <Select label={t('fields.typeLabel')} description={field ? t('fields.typeFixed') : undefined} data={typeOptions} value={draft.type} onChange={(v) => v && set({ type: v as FieldDraft['type'], default: undefined })} allowDeselect={false} disabled={!!field} error={at('type')} />
            <Autocomplete label={t('fields.section')} description={t('fields.sectionHelp')} data={sections} value={draft.section} onChange={(v) => set({ section: v })} maxLength={60} error={at('section')} />
          </SimpleGrid>
          <Textarea label={t('fields.helpText')} value={draft.helpText} onChange={(e) => set({ helpText: e.currentTarget.value })} maxLength={500} autosize minRows={1} error={at('helpText')} />
          {fieldTypeHas.options(draft.type) && <OptionsEditor options={draft.options} onChange={(options) => set({ options })} problems={problems} />}
          <Divider label={t('fields.validation')} labelPosition="left" />
          <ValidationInputs draft={draft} set={set} problems={problems} />
          <DefaultValueInput key={draft.type} draft={draft} onChange={(value) => set({ default: value })} error={at('default')} />
          <Divider label={t('fields.access')} labelPosition="left" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <MultiSelect label={t('fields.read')} description={t('fields.readHelp')} data={roleOptions} value={draft.read} onChange={(read) => set({ read })} error={at('access.read')} clearable />
            <MultiSelect label={t('fields.write')} description={t('fields.writeHelp')} data={roleOptions} value={draft.write} onChange={(write) => set({ write })} error={at('access.write')} clearable />
          </SimpleGrid>
          <Checkbox label={t('fields.sensitive')} description={t('fields.sensitiveHelp')} checked={draft.sensitive} onChange={(e) => set({ sensitive: e.currentTarget.checked })} error={at('sensitive')} />
          {unplaced && <ProblemAlert error={save.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('fields.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {field ? t('fields.saveVersion') : t('fields.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
