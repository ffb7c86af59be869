import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { t, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import type { ManualEvent } from '../api/offer-actions';

const MAX_REASON = 2000;

interface Props {
  event: ManualEvent | null;
  busy: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}

/** Asks why before a cancel, withdrawal or rescission; the reason goes into the journal. */
export function ReasonModal({ event, busy, onClose, onConfirm }: Props) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const optional = event === 'verbal_accept';
  const trimmed = reason.trim();
  const error = !touched
    ? null
    : !optional && !trimmed
      ? t('action.reasonRequired')
      : trimmed.length > MAX_REASON
        ? t('action.reasonTooLong')
        : null;

  const close = () => {
    setReason('');
    setTouched(false);
    onClose();
  };

  return (
    <Modal opened={event !== null} onClose={close} title={event ? t(`action.reasonTitle.${event}` as MessageKey) : ''} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if ((!optional && !trimmed) || trimmed.length > MAX_REASON) return;
          onConfirm(trimmed);
        }}
      >
        <Stack>
          <Textarea
            label={optional ? t('action.noteLabel') : t('action.reasonLabel')}
            description={t('action.reasonHint')}
            required={!optional}
            autosize
            minRows={3}
            maxRows={8}
            value={reason}
            error={error}
            onChange={(e) => setReason(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('action.back')}
            </Button>
            <Button type="submit" color={optional ? undefined : 'red.8'} loading={busy}>
              {event ? t(`action.apply.${event}` as MessageKey) : ''}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
