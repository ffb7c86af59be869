import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { negotiableFields, readTerm, type NegotiablePath } from '../../../../flow/negotiation/deltas';
import type { VisibleTerms } from '../../../../flow/intake/offer-terms.schema';
import { ChangeRowsEditor, rowValue, TermValueInput, type ChangeRow } from '../../../components/change-rows-editor';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { ApiProblem } from '../../../lib/api-client';
import { describeAsked } from '../../../lib/term-words';
import type { ChangeRequest } from '../../delivery/api/delivery';
import { useAnswerWithNewVersion, type Decision } from '../api/negotiation';

type Answer = { decision: Decision; value: string };
const key = (requestId: string, field: string) => `${requestId}:${field}`;

/**
 * The recruiter answers every open request, change by change (accept, adjust, reject), may add
 * changes of their own, and gets the next version as a draft to submit.
 */
export function AnswerRequestsModal({ offerId, rowVersion, terms, requests, currency, opened, onClose }: { offerId: string; rowVersion: number; terms: VisibleTerms | null; requests: ChangeRequest[]; currency: string; opened: boolean; onClose: () => void }) {
  const open = requests.filter((r) => r.status === 'open');
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [own, setOwn] = useState<ChangeRow[]>([]);
  const [note, setNote] = useState('');
  const answer = useAnswerWithNewVersion(offerId);
  const current = Object.fromEntries(negotiableFields.map((f) => [f.path, terms ? readTerm(terms, f.path) : null])) as Partial<Record<NegotiablePath, unknown>>;
  const asked = new Set(open.flatMap((r) => r.deltas.map((d) => d.field)));
  const problems = answer.error instanceof ApiProblem ? answer.error.fieldErrors : [];
  const get = (rid: string, field: string): Answer => answers[key(rid, field)] ?? { decision: 'accept', value: '' };
  const set = (rid: string, field: string, a: Partial<Answer>) => setAnswers({ ...answers, [key(rid, field)]: { ...get(rid, field), ...a } });
  const incomplete = open.some((r) => r.deltas.some((d) => get(r.id, d.field).decision === 'adjust' && get(r.id, d.field).value === '')) || own.some((r) => r.value === '');

  const submit = () =>
    answer.mutate(
      {
        rowVersion,
        body: {
          answers: open.map((r) => ({
            requestId: r.id,
            deltas: r.deltas.map((d) => {
              const a = get(r.id, d.field);
              return a.decision === 'adjust' ? { field: d.field, decision: a.decision, value: rowValue({ field: d.field as NegotiablePath, value: a.value }, currency) } : { field: d.field, decision: a.decision };
            }),
          })),
          changes: own.map((r) => ({ field: r.field, value: rowValue(r, currency) })),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      },
      { onSuccess: onClose },
    );

  return (
    <Modal opened={opened} onClose={onClose} title={t('negotiation.answerTitle')} size="lg" centered closeButtonProps={{ 'aria-label': t('action.close') }}>
      <Stack gap="md">
        <Text size="sm">{t('negotiation.answerIntro')}</Text>
        {open.map((r) => (
          <Stack key={r.id} gap="xs">
            <Title order={3} size="h5">
              {t(r.source === 'candidate' ? 'negotiation.fromCandidate' : 'negotiation.fromInside')}
            </Title>
            {r.comment && (
              <Text size="sm" fs="italic">
                “{r.comment}”
              </Text>
            )}
            {r.deltas.map((d) => {
              const a = get(r.id, d.field);
              const label = d.label ?? d.field;
              return (
                <Stack key={d.field} gap={4} p="xs" bd="1px solid gray.3" style={{ borderRadius: 6 }} data-testid="answer-row" data-field={d.field}>
                  <Text size="sm" fw={600}>
                    {describeAsked(d, currency)}
                  </Text>
                  <SegmentedControl
                    size="xs"
                    aria-label={t('negotiation.decisionFor', { field: label })}
                    value={a.decision}
                    onChange={(v) => set(r.id, d.field, { decision: v as Decision })}
                    data={[
                      { value: 'accept', label: t('negotiation.accept') },
                      { value: 'adjust', label: t('negotiation.adjust') },
                      { value: 'reject', label: t('negotiation.reject') },
                    ]}
                  />
                  {a.decision === 'adjust' && <TermValueInput field={d.field} value={a.value} label={t('negotiation.counterValue', { field: label })} currency={currency} onChange={(value) => set(r.id, d.field, { value })} />}
                </Stack>
              );
            })}
          </Stack>
        ))}
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('negotiation.ownChanges')}
          </Title>
          <ChangeRowsEditor
            rows={own}
            onChange={setOwn}
            fields={negotiableFields.filter((f) => !asked.has(f.path))}
            current={current}
            currency={currency}
            errorAt={(i) => problems.find((p) => p.field.startsWith(`changes.${i}`))?.message}
            addLabel={t('negotiation.addOwn')}
          />
        </Stack>
        <Textarea label={t('negotiation.note')} description={t('negotiation.noteHelp')} autosize minRows={2} maxLength={500} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {answer.isError && <ProblemAlert error={answer.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.back')}
          </Button>
          <Button disabled={incomplete} loading={answer.isPending} onClick={submit}>
            {t('negotiation.makeVersion')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
