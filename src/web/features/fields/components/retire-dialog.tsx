import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { toneText } from '../../../components/tone';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { ApiProblem } from '../../../lib/api-client';
import { useRetireField, type CustomField } from '../api/fields';
import { problemsAt } from './field-draft';

/**
 * Retire a field. The server refuses while policies, templates or other fields use it (409 listing
 * them); the admin may then retire it anyway, with a reason that is recorded.
 */
export function RetireDialog({ field, onClose }: { field: CustomField; onClose: () => void }) {
  const retire = useRetireField();
  const [reason, setReason] = useState('');
  const [usedBy, setUsedBy] = useState<string[]>([]);
  const err = retire.error instanceof ApiProblem ? retire.error : null;
  const forcing = usedBy.length > 0;
  const label = field.definition.label;

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('action.close') }} title={t('fields.retireTitle', { label })} styles={{ title: { fontWeight: 700 } }}>
      <Stack gap="sm">
        <Text size="sm">{t('fields.retireBody', { key: field.key })}</Text>
        {forcing && (
          <Alert color="orange" variant="light" title={t('fields.inUseTitle')} role="alert" styles={{ title: { color: toneText('orange') } }}>
            <List size="sm" spacing={2}>
              {usedBy.map((u) => (
                <List.Item key={u}>{u}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {forcing && (
          <Textarea
            label={t('fields.retireReason')}
            description={t('fields.retireReasonHelp')}
            required
            value={reason}
            maxLength={500}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              if (retire.error) retire.reset();
            }}
            error={err ? problemsAt(err.fieldErrors, 'reason') : undefined}
            autosize
            minRows={2}
          />
        )}
        {retire.error && !(forcing && err && (err.status === 409 || problemsAt(err.fieldErrors, 'reason'))) && <ProblemAlert error={retire.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('fields.cancel')}
          </Button>
          <Button
            color="red.8"
            loading={retire.isPending}
            onClick={() =>
              retire.mutate(forcing ? { field, force: true, reason } : { field }, {
                onSuccess: onClose,
                onError: (e) => {
                  if (e instanceof ApiProblem && e.status === 409 && e.fieldErrors.length) setUsedBy(e.fieldErrors.map((p) => p.message.replace(/^used by /, '')));
                },
              })
            }
          >
            {forcing ? t('fields.retireForce') : t('fields.retire')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
