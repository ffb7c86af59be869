import { Button, FileInput, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ToneBadge } from '../../../components/tone-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useReplaceSealCertificate, type SealCertificateView } from '../api/signing-settings';

const fieldError = (error: unknown, field: string) => (error instanceof ApiProblem ? error.fieldErrors.find((p) => p.field === field)?.message : undefined);

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The certificate completed documents are sealed with, and replacing it with the organisation's own. */
export function SealCertificateCard({ certificate }: { certificate: SealCertificateView }) {
  const replace = useReplaceSealCertificate();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="seal-title">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={2} size="h3" id="seal-title">
            {t('seal.title')}
          </Title>
          <ToneBadge color={certificate.source === 'uploaded' ? 'green' : 'gray'} size="sm">
            {t(certificate.source === 'uploaded' ? 'seal.uploaded' : 'seal.generated')}
          </ToneBadge>
        </Group>
        <Text size="sm">{t('seal.subject', { subject: certificate.subject })}</Text>
        <Text size="sm">{t('seal.validUntil', { when: formatDateTime(certificate.notAfter) })}</Text>
        <Text size="xs" c="gray.8" style={{ overflowWrap: 'anywhere' }}>
          {t('seal.fingerprint', { fingerprint: certificate.fingerprintSha256 })}
        </Text>
        {certificate.source === 'generated' && <Text size="sm">{t('seal.generatedHelp')}</Text>}
        <Group align="end" gap="sm" wrap="wrap">
          <FileInput label={t('seal.file')} accept=".p12,.pfx,application/x-pkcs12" value={file} onChange={setFile} error={fieldError(replace.error, 'p12Base64')} clearable w={260} />
          <PasswordInput label={t('seal.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} error={fieldError(replace.error, 'passphrase')} w={220} />
          <Button disabled={!file} loading={replace.isPending} onClick={async () => file && replace.mutate({ p12Base64: await toBase64(file), passphrase })}>
            {t('seal.replace')}
          </Button>
        </Group>
        {replace.isSuccess && (
          <Text size="sm" role="status">
            {t('seal.replaced')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
