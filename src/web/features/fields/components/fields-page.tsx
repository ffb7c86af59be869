import { Alert, Button, Grid, Group, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import { useBusinessUnits } from '../../../lib/directory';
import { useCustomFields, useSaveLayout } from '../api/fields';
import { FieldEditor } from './field-editor';
import { FormPreview } from './form-preview';
import { LayoutEditor } from './layout-editor';
import { entriesOf, layoutOf, sameLayout, type Layout } from './layout-model';
import { RetireDialog } from './retire-dialog';

/**
 * Custom offer fields: define, change and retire them, and arrange the intake form (drag, or the
 * move buttons) for the organisation or one business unit, previewing it as any role sees it.
 */
export function FieldsPage() {
  const fields = useCustomFields();
  const units = useBusinessUnits().data ?? [];
  const saveLayout = useSaveLayout();
  const [scope, setScope] = useState<string | null>(null);
  const [layout, setLayout] = useState<Layout>([]);
  const [editing, setEditing] = useState<string | null | 'new'>(null);
  const [retiring, setRetiring] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);

  const all = fields.data ?? [];
  const stored = layoutOf(all, scope);
  // A fresh read or another scope starts the editor again from what is stored.
  useEffect(() => setLayout(layoutOf(fields.data ?? [], scope)), [fields.data, scope]);
  const dirty = !sameLayout(layout, stored);
  const inScope = (key: string) => all.find((f) => f.key === key && (f.businessUnitId === null || f.businessUnitId === scope)) ?? null;
  const scopeName = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? id) : t('fields.scopeOrg'));
  const retired = all.filter((f) => f.retired && (f.businessUnitId === null || f.businessUnitId === scope));
  // Gaps of ten leave room to move a field between two others without renumbering them.
  const nextOrder = Math.min(10_000, (Math.floor(Math.max(-10, ...all.map((f) => f.definition.order)) / 10) + 1) * 10);

  if (fields.isPending) return <PageLoader />;
  if (fields.isError) return <ProblemAlert error={fields.error} onRetry={() => void fields.refetch()} />;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('fields.pageTitle')}</Title>
        <Text c="gray.8">{t('fields.intro')}</Text>
      </div>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Select
          label={t('fields.formOf')}
          data={[{ value: '', label: t('fields.scopeOrg') }, ...units.map((u) => ({ value: u.id, label: u.name }))]}
          value={scope ?? ''}
          onChange={(v) => {
            setScope(v || null);
            setSaved(null);
          }}
          allowDeselect={false}
          w={280}
        />
        <Button onClick={() => setEditing('new')}>{t('fields.new')}</Button>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Group justify="space-between" wrap="wrap">
              <Title order={2} size="h4">
                {t('fields.layoutTitle')}
              </Title>
              <Group gap="xs">
                <Button variant="default" disabled={!dirty} onClick={() => setLayout(stored)}>
                  {t('fields.discard')}
                </Button>
                <Button
                  disabled={!dirty}
                  loading={saveLayout.isPending}
                  onClick={() => saveLayout.mutate({ businessUnitId: scope, fields: entriesOf(layout) }, { onSuccess: (r) => setSaved(r.moved) })}
                >
                  {t('fields.saveLayout')}
                </Button>
              </Group>
            </Group>
            <Text size="sm" c="gray.8">
              {t(scope ? 'fields.layoutHelpUnit' : 'fields.layoutHelpOrg')}
            </Text>
            {saveLayout.error && <ProblemAlert error={saveLayout.error} />}
            {saved !== null && !dirty && (
              <Alert color="green" variant="light" role="status" styles={{ message: { color: 'var(--mantine-color-text)' } }}>
                {t('fields.layoutSaved', { n: saved })}
              </Alert>
            )}
            {layout.length === 0 ? (
              <Paper withBorder p="md" radius="md">
                <Text size="sm">{t('fields.none')}</Text>
              </Paper>
            ) : (
              <LayoutEditor layout={layout} onChange={setLayout} onEdit={setEditing} onRetire={setRetiring} scopeName={scopeName} />
            )}
            {retired.length > 0 && (
              <Paper withBorder p="md" radius="md" component="section" aria-labelledby="retired-title">
                <Title order={3} size="h5" id="retired-title" mb="xs">
                  {t('fields.retiredTitle')}
                </Title>
                <List size="sm" spacing={4}>
                  {retired.map((f) => (
                    <List.Item key={f.id}>
                      {t('fields.retiredRow', { label: f.definition.label, key: f.key, at: formatDateTime(f.retired!.at) })}
                      {f.retired!.reason ? ` — ${f.retired!.reason}` : ''}
                    </List.Item>
                  ))}
                </List>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <FormPreview units={units} unitId={scope} />
        </Grid.Col>
      </Grid>
      {editing && (
        <FieldEditor
          field={editing === 'new' ? null : inScope(editing)}
          scope={scope}
          nextOrder={nextOrder}
          units={units}
          sections={[...new Set(layout.map((g) => g.section))]}
          onClose={() => setEditing(null)}
        />
      )}
      {retiring && inScope(retiring) && <RetireDialog field={inScope(retiring)!} onClose={() => setRetiring(null)} />}
    </Stack>
  );
}
