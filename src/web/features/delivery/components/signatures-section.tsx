import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import { signedDocumentUrl, useSignedDocuments, type Signing } from '../api/delivery';
import { CountersignModal } from './countersign-modal';

/** Who has signed which version, who is still to sign, and the sealed documents once complete. */
export function SignaturesSection({ offerId, rowVersion, version, signing }: { offerId: string; rowVersion: number; version: number; signing: Signing }) {
  const [countersigning, setCountersigning] = useState(false);
  const signed = useSignedDocuments(offerId, signing.completed);
  const current = signing.signatures.filter((s) => s.versionNumber === version);
  const candidate = current.find((s) => s.signer === 'candidate');
  const company = current.find((s) => s.signer === 'company');
  return (
    <Stack gap="xs" data-testid="signatures">
      <Title order={3} size="h5">
        {t('signing.title')}
      </Title>
      <SignatureLine who={t('signing.candidate')} signature={candidate} waiting={t('signing.waitingCandidate')} />
      {signing.signatory && (
        <SignatureLine who={t('signing.company', { name: signing.signatory.name })} signature={company} waiting={signing.awaitingCountersignature ? t('signing.waitingCompany', { name: signing.signatory.name }) : t(signing.countersignOrder === 'before' ? 'signing.beforeSend' : 'signing.afterCandidate')} />
      )}
      {signing.canCountersign && (
        <Group>
          <Button onClick={() => setCountersigning(true)}>{t('signing.countersign')}</Button>
        </Group>
      )}
      {signing.completed && signed.isSuccess && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('signing.sealed')}
          </Text>
          {(signed.data ?? []).map((d) => (
            <Group key={d.finalSha256} gap="xs">
              <Anchor href={signedDocumentUrl(offerId, d.finalSha256)} download size="sm">
                {d.name}
              </Anchor>
              <ToneBadge color="green" size="sm">
                {t('signing.sealedBadge')}
              </ToneBadge>
            </Group>
          ))}
        </Stack>
      )}
      <CountersignModal offerId={offerId} rowVersion={rowVersion} signatoryName={signing.signatory?.name ?? ''} opened={countersigning} onClose={() => setCountersigning(false)} />
    </Stack>
  );
}

function SignatureLine({ who, signature, waiting }: { who: string; signature?: Signing['signatures'][number]; waiting: string }) {
  return (
    <Group gap="xs" justify="space-between" wrap="wrap">
      <Text size="sm">{who}</Text>
      {signature ? (
        <ToneBadge color="green" size="sm">
          {t('signing.signedBy', { name: signature.signerName, when: formatDateTime(signature.signedAt) })}
        </ToneBadge>
      ) : (
        <Text size="sm" c="gray.8">
          {waiting}
        </Text>
      )}
    </Group>
  );
}
