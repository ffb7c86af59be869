import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { OfferTerms } from '../../../../flow/intake/offer-terms.schema';
import { t } from '../../../i18n/t';
import '../messages.en';
import { isProblem } from '../../../lib/api-client';
import { useDepartments } from '../../../lib/directory';
import { todayIso } from '../../../lib/format';
import { newIdempotencyKey } from '../../../lib/uuid';
import { prefillQuery } from '../api/prefill';
import { useSaveOffer, type SaveInput, type SavedOffer } from '../api/save-offer';
import { applyPrefill, emptyValues, fieldForPath, toTerms, valuesFromTerms, type IntakeField, type IntakeValues } from './form-model';
import { useCustomValues } from './use-custom-values';
import { fieldMessage, validateIntake, type IntakeErrors } from './validate';

export type IntakeMode =
  | { kind: 'create' }
  | { kind: 'edit'; offerId: string; rowVersion: number; candidateId: string; candidateName: string; requisitionId: string | null; terms: OfferTerms };

export interface PrefillNote {
  ok: boolean;
  text: string;
}

export function useIntakeForm(mode: IntakeMode, onSaved: (offer: SavedOffer) => void) {
  const editing = mode.kind === 'edit' ? mode : null;
  const form = useForm<IntakeValues>({
    mode: 'controlled',
    initialValues: editing ? valuesFromTerms(editing.terms, editing.candidateId, editing.requisitionId) : emptyValues(),
  });
  const carried = editing ? { clauses: editing.terms.clauses, staffing: editing.terms.staffing } : undefined;
  const [visited, setVisited] = useState<ReadonlySet<IntakeField>>(new Set());
  const [submitCount, setSubmitCount] = useState(0);
  const [serverErrors, setServerErrors] = useState<IntakeErrors>({});
  const [prefillNote, setPrefillNote] = useState<PrefillNote | null>(null);
  const save = useSaveOffer();
  const qc = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const latestRequisition = useRef('');

  const validation = useMemo(
    () => validateIntake(form.values, { requireCandidate: !editing, today: todayIso(), carried }),
    // carried comes from the same props as editing and never changes while mounted
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [form.values, editing],
  );

  // The custom fields of the chosen department's business unit, checked against the terms as typed.
  const businessUnitId = useDepartments().data?.find((d) => d.id === form.values.departmentId)?.businessUnitId;
  const custom = useCustomValues({
    businessUnitId,
    stored: editing ? ((editing.terms.custom as Record<string, unknown> | undefined) ?? {}) : undefined,
    currency: form.values.currency || 'USD',
    terms: (validation.terms ?? toTerms(form.values, carried)) as Record<string, unknown>,
    showAll: submitCount > 0,
  });

  // Errors show once a field has been changed or left, or after a save attempt: never on a fresh form.
  const errorFor = (name: IntakeField) =>
    serverErrors[name] ?? (submitCount > 0 || visited.has(name) || form.isTouched(name) ? validation.errors[name] : undefined);

  function field(name: IntakeField, opts: { type?: 'checkbox'; select?: boolean } = {}) {
    const base = form.getInputProps(name, { type: opts.type, withError: false });
    return {
      ...base,
      // A picker with "" would count as chosen (and show its clear button); null is "nothing chosen".
      ...(opts.select ? { value: (base.value as string) || null } : {}),
      error: errorFor(name),
      onChange: (value: unknown) => {
        if (serverErrors[name]) setServerErrors(({ [name]: _gone, ...rest }) => rest);
        base.onChange(opts.select ? (value ?? '') : value);
      },
      onBlur: () => setVisited((s) => (s.has(name) ? s : new Set(s).add(name))),
    };
  }

  async function chooseRequisition(id: string | null) {
    form.setFieldValue('requisitionId', id ?? '');
    latestRequisition.current = id ?? '';
    setPrefillNote(null);
    if (!id) return;
    try {
      const prefill = await qc.fetchQuery(prefillQuery(id));
      if (latestRequisition.current !== id) return; // a later choice won the race
      form.setValues((prev) => applyPrefill({ ...(prev as IntakeValues), requisitionId: id }, prefill.terms));
      setPrefillNote({ ok: true, text: '' });
    } catch (err) {
      setPrefillNote({ ok: false, text: t('intake.prefillFailed', { detail: (err as Error).message }) });
    }
  }

  useEffect(() => {
    if (submitCount === 0) return;
    // After a failed save, take keyboard and screen-reader users to the first thing to fix.
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }, [submitCount, serverErrors]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitCount((n) => n + 1);
    save.reset();
    if (!validation.terms || !custom.valid || custom.loading) return;
    // Sent even when empty on an edit: a value the form shows and leaves out would be erased.
    const terms = Object.keys(custom.payload).length || editing ? { ...validation.terms, custom: custom.payload } : validation.terms;
    const v = form.values;
    const input: SaveInput = editing
      ? { kind: 'update', offerId: editing.offerId, rowVersion: editing.rowVersion, terms }
      : { kind: 'create', candidateId: v.candidateId, requisitionId: v.requisitionId || undefined, terms, idempotencyKey: '' };
    // A retry of the very same submission reuses its key, so a lost response cannot create two offers.
    const body = JSON.stringify({ ...input, idempotencyKey: undefined });
    if (attempt.current?.body !== body) attempt.current = { key: newIdempotencyKey(), body };
    if (input.kind === 'create') input.idempotencyKey = attempt.current.key;
    save.mutate(input, {
      onSuccess: onSaved,
      onError: (err) => {
        if (!isProblem(err)) return;
        const mapped: IntakeErrors = {};
        for (const p of err.fieldErrors) {
          const f = fieldForPath(p.field);
          if (f) mapped[f] ??= fieldMessage(f, p.message);
        }
        setServerErrors(mapped);
        custom.placeServerProblems(err.fieldErrors);
      },
    });
  }

  return { form, field, validation, custom, submitCount, serverErrors, save, prefillNote, chooseRequisition, onSubmit, formRef, editing };
}
