import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { SignatureInput, type AdoptedSignature } from '../../../components/signature-input';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { useCountersign } from '../api/delivery';

/** The company signatory adopts a signature for the company; signed in, so no code is needed. */
export function CountersignModal({ offerId, rowVersion, signatoryName, opened, onClose }: { offerId: string; rowVersion: number; signatoryName: string; opened: boolean; onClose: () => void }) {
  const [signature, setSignature] = useState<AdoptedSignature | null>(null);
  const countersign = useCountersign(offerId);
  return (
    <Modal opened={opened} onClose={onClose} title={t('signing.countersignTitle')} centered size="lg" closeButtonProps={{ 'aria-label': t('action.close') }}>
      <Stack gap="sm">
        <Text size="sm">{t('signing.countersignBody')}</Text>
        <SignatureInput initialName={signatoryName} help={t('signing.countersignHelp')} onChange={setSignature} />
        {countersign.isError && <ProblemAlert error={countersign.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.back')}
          </Button>
          <Button disabled={!signature} loading={countersign.isPending} onClick={() => signature && countersign.mutate({ rowVersion, signature }, { onSuccess: onClose })}>
            {t('signing.adoptAndSign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
