import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { negotiableFields, readTerm, type NegotiablePath } from '../../../../flow/negotiation/deltas';
import type { VisibleTerms } from '../../../../flow/intake/offer-terms.schema';
import { ChangeRowsEditor, rowValue, type ChangeRow } from '../../../components/change-rows-editor';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { ApiProblem } from '../../../lib/api-client';
import { useAskInternally } from '../api/negotiation';

/** A colleague asks for a change while the candidate holds the offer; it becomes a request like the candidate's. */
export function AskChangeModal({ offerId, terms, currency, opened, onClose }: { offerId: string; terms: VisibleTerms | null; currency: string; opened: boolean; onClose: () => void }) {
  // Only terms the caller can read are offered: a hidden pay figure cannot be asked about.
  const fields = negotiableFields.filter((f) => terms && (f.path.startsWith('compensation.') ? terms.compensation !== undefined : true));
  const current = Object.fromEntries(fields.map((f) => [f.path, terms ? readTerm(terms, f.path) : null])) as Partial<Record<NegotiablePath, unknown>>;
  const [rows, setRows] = useState<ChangeRow[]>(fields[0] ? [{ field: fields[0].path, value: '' }] : []);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const ask = useAskInternally(offerId);
  const problems = ask.error instanceof ApiProblem ? ask.error.fieldErrors : [];
  return (
    <Modal opened={opened} onClose={onClose} title={t('negotiation.askTitle')} size="lg" centered closeButtonProps={{ 'aria-label': t('action.close') }}>
      <Stack gap="sm">
        <Text size="sm">{t('negotiation.askIntro')}</Text>
        <ChangeRowsEditor rows={rows} onChange={setRows} fields={fields} current={current} currency={currency} errorAt={(i) => problems.find((p) => p.field.startsWith(`changes.${i}`))?.message} />
        <TextInput label={t('negotiation.reason')} required maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={problems.find((p) => p.field === 'reason')?.message} />
        <Textarea label={t('negotiation.comment')} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {ask.isError && problems.length === 0 && <ProblemAlert error={ask.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.back')}
          </Button>
          <Button
            disabled={rows.length === 0 || rows.some((r) => r.value === '') || reason.trim() === ''}
            loading={ask.isPending}
            onClick={() => ask.mutate({ changes: rows.map((r) => ({ field: r.field, asked: rowValue(r, currency) })), reason: reason.trim(), comment }, { onSuccess: onClose })}
          >
            {t('negotiation.askSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
