import { Alert, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { CustomFieldSections } from '../../../components/custom-fields/custom-field-sections';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { BusinessUnit } from '../../../lib/directory';
import { useOfferFormFields } from '../../../lib/offer-form';
import { roleOptions } from './field-editor';

/**
 * The custom part of the intake form as one role sees it, from the server (asRole): fields the
 * role may not read are absent, those it may read but not change are shown disabled. Saved
 * changes only: save the layout to see a reorder here.
 */
export function FormPreview({ units, unitId }: { units: BusinessUnit[]; unitId: string | null }) {
  const [role, setRole] = useState('recruiter');
  const [chosenUnit, setChosenUnit] = useState<string | null>(null);
  const businessUnitId = unitId ?? chosenUnit ?? units[0]?.id ?? null;
  const fields = useOfferFormFields(businessUnitId, role);
  const [values, setValues] = useState<Record<string, unknown>>({});

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="form-preview-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="form-preview-title">
            {t('fields.previewTitle')}
          </Title>
          <Text size="sm" c="gray.8">
            {t('fields.previewIntro')}
          </Text>
        </div>
        <SimpleGrid cols={unitId ? 1 : 2} spacing="sm">
          <Select label={t('fields.previewRole')} data={roleOptions} value={role} onChange={(v) => v && setRole(v)} allowDeselect={false} />
          {!unitId && (
            <Select
              label={t('fields.previewUnit')}
              data={units.map((u) => ({ value: u.id, label: u.name }))}
              value={businessUnitId}
              onChange={(v) => setChosenUnit(v)}
              allowDeselect={false}
            />
          )}
        </SimpleGrid>
        {fields.isPending && businessUnitId && <PageLoader />}
        {fields.isError && <ProblemAlert error={fields.error} />}
        {fields.data && fields.data.length === 0 && (
          <Alert color="gray" variant="light">
            {t('fields.previewNone')}
          </Alert>
        )}
        {fields.data && (
          <div data-testid="form-preview">
            <Stack gap="md">
              <CustomFieldSections fields={fields.data} values={values} onChange={(k, v) => setValues((s) => ({ ...s, [k]: v }))} />
            </Stack>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
