import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ConflictAlert } from '../../../components/conflict-alert';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { isProblem } from '../../../lib/api-client';
import { useSendOffer } from '../api/delivery';

/** Send the approved offer: the candidate gets an e-mail with a personal link to this version. */
export function SendOffer({ offerId, rowVersion, candidateName, blockedBy, onReload }: { offerId: string; rowVersion: number; candidateName: string; blockedBy: string | null; onReload: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const send = useSendOffer(offerId);
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button
          disabled={blockedBy !== null}
          onClick={() => {
            send.reset();
            setConfirming(true);
          }}
        >
          {t('delivery.send')}
        </Button>
        <Text size="sm" c="gray.8">
          {blockedBy ?? t('delivery.sendHint')}
        </Text>
      </Group>
      {send.isError && (isProblem(send.error) && /changed since/i.test(send.error.detail) ? <ConflictAlert onReload={onReload} /> : <ProblemAlert error={send.error} />)}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('delivery.confirmTitle', { name: candidateName })} centered closeButtonProps={{ 'aria-label': t('action.close') }}>
        <Stack>
          <Text size="sm">{t('delivery.confirmBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('action.back')}
            </Button>
            <Button data-autofocus loading={send.isPending} onClick={() => send.mutate(rowVersion, { onSettled: () => setConfirming(false) })}>
              {t('delivery.confirmSend')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
