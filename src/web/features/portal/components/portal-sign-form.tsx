import { Box, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { SignatureInput, type AdoptedSignature } from '../../../components/signature-input';
import { t } from '../../../i18n/t';
import '../messages.en';
import { ApiProblem } from '../../../lib/api-client';
import { useRequestCode, useSignOffer, type PortalOffer } from '../api/portal-offer';

const fieldError = (error: unknown, field: string) =>
  error instanceof ApiProblem ? error.fieldErrors.find((p) => p.field === field)?.message : undefined;

/** Consent first, then a code from the candidate's own inbox, then the signature they adopt. */
export function PortalSignForm({ token, data, onCancel }: { token: string; data: PortalOffer; onCancel: () => void }) {
  const [agreed, setAgreed] = useState(false);
  const [signature, setSignature] = useState<AdoptedSignature | null>(null);
  const [code, setCode] = useState('');
  const requestCode = useRequestCode(token);
  const sign = useSignOffer(token);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('portal.sign.title')}
        </Title>
        {/* Focusable so keyboard users can scroll the whole consent before agreeing. */}
        <Box mah={220} style={{ overflowY: 'auto' }} tabIndex={0} role="region" aria-label={t('portal.sign.consentRegion')} bd="1px solid gray.3" p="xs">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="consent-text">
            {data.consent.text}
          </Text>
        </Box>
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.currentTarget.checked)} label={t('portal.sign.consent')} />
        <Group align="end" gap="xs" wrap="nowrap">
          <Button variant="default" disabled={!agreed} loading={requestCode.isPending} onClick={() => requestCode.mutate()}>
            {requestCode.isSuccess ? t('portal.sign.codeAgain') : t('portal.sign.sendCode')}
          </Button>
        </Group>
        {requestCode.isSuccess && <Text size="sm" role="status">{t('portal.sign.codeSent', { to: requestCode.data.sentTo, minutes: requestCode.data.expiresInMinutes })}</Text>}
        {requestCode.isError && <ProblemAlert error={requestCode.error} />}
        <TextInput
          label={t('portal.sign.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
          error={fieldError(sign.error, 'code')}
          disabled={!requestCode.isSuccess}
        />
        <SignatureInput initialName={`${data.candidateFirstName} `} help={t('portal.sign.nameHelp')} onChange={setSignature} />
        {sign.isError && !fieldError(sign.error, 'code') && <ProblemAlert error={sign.error} />}
        <Group gap="xs">
          <Button
            disabled={!agreed || code.length !== 6 || !signature}
            loading={sign.isPending}
            onClick={() => signature && sign.mutate({ code, consentVersion: data.consent.version, signature })}
          >
            {t('portal.sign.submit')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('portal.back')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
