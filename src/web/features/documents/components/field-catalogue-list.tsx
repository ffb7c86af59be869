import { Accordion, Button, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { fieldCatalogue, type CatalogueField } from '../../../../flow/documents/field-catalogue';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useTemplateFields } from '../api/template-fields';

const groups = ['offer', 'candidate', 'requisition', 'organization', 'signatory', 'computed', 'custom'] as const;

interface Props {
  /** The fields the saved template uses, listed first. */
  used: readonly string[];
  onInsert?: (path: string) => void;
}

function FieldRow({ field, onInsert }: { field: CatalogueField; onInsert?: (path: string) => void }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start" component="li" style={{ listStyle: 'none' }}>
      <div style={{ minWidth: 0 }}>
        <Code>{field.path}</Code>{' '}
        <Text span size="sm">
          {field.label}
        </Text>
        <Text size="xs" c="gray.8">
          {field.description} {t('documents.fields.example', { example: field.example })}
        </Text>
      </div>
      {onInsert && (
        <Button size="compact-xs" variant="default" style={{ flexShrink: 0 }} onClick={() => onInsert(field.path)} aria-label={t('documents.fields.insertLabel', { path: field.path })}>
          {t('documents.fields.insert')}
        </Button>
      )}
    </Group>
  );
}

/** The merge fields a template may use, searchable, each insertable at the caret. */
export function FieldCatalogueList({ used, onInsert }: Props) {
  const [q, setQ] = useState('');
  // The organisation's custom fields (custom.<key>) come from the server; the built-in ones are known here.
  const custom = useTemplateFields().data?.custom;
  const all = useMemo(() => [...fieldCatalogue, ...(custom ?? [])], [custom]);
  const found = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return all.filter((f) => !needle || f.path.toLowerCase().includes(needle) || f.label.toLowerCase().includes(needle));
  }, [q, all]);
  const usedFields = all.filter((f) => used.includes(f.path));

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('documents.fields.title')}
      </Title>
      <Text size="xs" c="gray.8">
        {t('documents.fields.hint')}
      </Text>
      <TextInput label={t('documents.fields.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={360} />
      {/* Closed until wanted: the editor and its problems stay near each other. A search opens every group. */}
      <Accordion multiple defaultValue={q ? [...groups] : []} key={q ? 'searching' : 'browsing'} variant="contained">
        {!q && usedFields.length > 0 && (
          <Accordion.Item value="used">
            <Accordion.Control>{t('documents.fields.used', { count: usedFields.length })}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs" component="ul" p={0} m={0}>
                {usedFields.map((f) => (
                  <FieldRow key={f.path} field={f} onInsert={onInsert} />
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        )}
        {groups.map((g) => {
          const fields = found.filter((f) => f.path.startsWith(`${g}.`));
          if (fields.length === 0) return null;
          return (
            <Accordion.Item key={g} value={g}>
              <Accordion.Control>{t('documents.fields.group', { group: t(`documents.fields.group.${g}`), count: fields.length })}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs" component="ul" p={0} m={0}>
                  {fields.map((f) => (
                    <FieldRow key={f.path} field={f} onInsert={onInsert} />
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
      {found.length === 0 && <Text size="sm">{t('documents.fields.none')}</Text>}
    </Stack>
  );
}
