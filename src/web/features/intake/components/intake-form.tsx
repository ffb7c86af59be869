import { Alert, Button, Fieldset, Group, List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ConflictAlert } from '../../../components/conflict-alert';
import { CustomFieldSections } from '../../../components/custom-fields/custom-field-sections';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { isProblem } from '../../../lib/api-client';
import { describeFieldProblem } from '../../../lib/field-problems';
import { usePrefill } from '../api/prefill';
import type { SavedOffer } from '../api/save-offer';
import { ContingencyFields, DatesFields } from './dates-fields';
import { fieldForPath } from './form-model';
import { PayFields } from './pay-fields';
import { LocationFields, RoleFields } from './role-fields';
import { useIntakeForm, type IntakeMode } from './use-intake-form';
import { fieldLabel } from './validate';
import { WhoFields } from './who-fields';

interface Props {
  mode: IntakeMode;
  onSaved: (offer: SavedOffer) => void;
  onCancel: () => void;
  /** Edit mode: fetch the latest draft after a 409. */
  onReload?: () => void;
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Fieldset legend={legend} radius="md" styles={{ legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}>
      {children}
    </Fieldset>
  );
}

export function IntakeForm({ mode, onSaved, onCancel, onReload }: Props) {
  const { form, field, validation, custom, submitCount, save, prefillNote, chooseRequisition, onSubmit, formRef, editing } = useIntakeForm(mode, onSaved);
  const values = form.values;
  const band = usePrefill(values.requisitionId || undefined);
  const bandValue = values.requisitionId ? (band.data ? band.data.band : undefined) : undefined;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={editing ? t('intake.editTitle') : t('intake.newTitle')}>
      <Stack gap="lg">
        <Section legend={t('intake.section.who')}>
          <WhoFields
            field={field}
            requisitionId={values.requisitionId}
            fixed={editing ? { candidateName: editing.candidateName } : undefined}
            prefillNote={prefillNote}
            onRequisition={(id) => void chooseRequisition(id)}
          />
        </Section>
        <Section legend={t('intake.section.role')}>
          <RoleFields
            field={field}
            onFlsaChange={(v) => {
              // Exempt status requires a salary (FLSA salary basis test), so switch for the recruiter.
              if (v === 'exempt' && values.payBasis !== 'salary') form.setFieldValue('payBasis', 'salary');
            }}
          />
        </Section>
        <Section legend={t('intake.section.location')}>
          <LocationFields field={field} />
        </Section>
        <Section legend={t('intake.section.pay')}>
          <PayFields field={field} values={values} band={values.payBasis === 'salary' ? bandValue : undefined} />
        </Section>
        <Section legend={t('intake.section.dates')}>
          <DatesFields field={field} />
        </Section>
        <Section legend={t('intake.section.contingencies')}>
          <ContingencyFields field={field} />
        </Section>
        <CustomFieldSections
          fields={custom.fields}
          values={custom.inputs}
          onChange={custom.change}
          onBlur={custom.visit}
          errors={custom.errors}
          required={custom.required}
          currency={values.currency || 'USD'}
        />
        {custom.loadError && <ProblemAlert error={custom.loadError} />}

        <SaveProblems
          save={save}
          submitCount={submitCount}
          clientOther={validation.other}
          clientValid={!!validation.terms && custom.valid}
          customLabel={custom.labelOf}
          onReload={onReload}
        />

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('intake.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending || custom.loading}>
            {t('intake.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface SaveProblemsProps {
  save: ReturnType<typeof useIntakeForm>['save'];
  submitCount: number;
  clientOther: string[];
  clientValid: boolean;
  /** The label of a custom field by key, for the server's `terms.custom.<key>` problems. */
  customLabel: (key: string) => string | undefined;
  onReload?: () => void;
}

/** The banner: the server's problem in product words, or what the live checks found. */
function SaveProblems({ save, submitCount, clientOther, clientValid, customLabel, onReload }: SaveProblemsProps) {
  const err = save.error;
  if (err) {
    if (isProblem(err) && err.isConflict && onReload) return <ConflictAlert onReload={onReload} />;
    if (isProblem(err) && err.fieldErrors.length) {
      const labelOf = (path: string) => {
        const f = fieldForPath(path);
        return f ? fieldLabel(f) : customLabel(/^terms\.custom\.([a-z0-9_]+)/.exec(path)?.[1] ?? '');
      };
      const mapped = err.fieldErrors.flatMap((p) => labelOf(p.field) ?? []);
      const unmapped = err.fieldErrors.filter((p) => !labelOf(p.field)).map(describeFieldProblem);
      const detail = [mapped.length ? t('error.fixFields', { fields: [...new Set(mapped)].join(', ') }) : '', ...unmapped].filter(Boolean).join(' ');
      return <ProblemAlert error={err} detail={detail} />;
    }
    return <ProblemAlert error={err} />;
  }
  if (submitCount > 0 && !clientValid) {
    return (
      <Alert color="red" variant="light" title={t('intake.invalidTitle')} role="alert">
        <Text size="sm" c="red.9">
          {t('intake.clientInvalid')}
        </Text>
        {clientOther.length > 0 && (
          <List size="sm" mt="xs" c="red.9">
            {clientOther.map((m) => (
              <List.Item key={m}>{m}</List.Item>
            ))}
          </List>
        )}
      </Alert>
    );
  }
  return null;
}
