import { Alert, Box, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import { ApiProblem } from '../../../lib/api-client';
import { declineReasons, useDeclineOffer, useRequestCode, useSignOffer, type DeclineReason, type PortalOffer } from '../api/portal-offer';

const fieldError = (error: unknown, field: string) =>
  error instanceof ApiProblem ? error.fieldErrors.find((p) => p.field === field)?.message : undefined;

/** Accept and sign (consent, a code from the candidate's e-mail, the adopted name), or decline with a reason. */
export function PortalAnswer({ token, data }: { token: string; data: PortalOffer }) {
  const [mode, setMode] = useState<'choose' | 'sign' | 'decline'>('choose');
  const [declined, setDeclined] = useState(false);
  if (data.status === 'signed' || data.status === 'accepted') {
    return (
      <Alert color="green" variant="light" title={t('portal.signed.title')} role="status">
        {t('portal.signed.body')}
      </Alert>
    );
  }
  if (declined) {
    return (
      <Alert color="gray" variant="light" title={t('portal.declined.title')} role="status">
        {t('portal.declined.body', { organization: data.organizationName })}
      </Alert>
    );
  }
  if (data.status !== 'sent') return null;
  if (mode === 'sign') return <SignForm token={token} data={data} onCancel={() => setMode('choose')} />;
  if (mode === 'decline') return <DeclineForm token={token} onDone={() => setDeclined(true)} onCancel={() => setMode('choose')} />;
  return (
    <Stack gap="xs">
      <Button size="md" onClick={() => setMode('sign')}>
        {t('portal.accept')}
      </Button>
      <Button size="md" variant="default" onClick={() => setMode('decline')}>
        {t('portal.decline')}
      </Button>
    </Stack>
  );
}

function SignForm({ token, data, onCancel }: { token: string; data: PortalOffer; onCancel: () => void }) {
  const [agreed, setAgreed] = useState(false);
  const [name, setName] = useState(`${data.candidateFirstName} `);
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
        <TextInput
          label={t('portal.sign.name')}
          description={t('portal.sign.nameHelp')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={120}
          styles={{ input: { fontFamily: 'cursive', fontSize: 22 } }}
        />
        {sign.isError && !fieldError(sign.error, 'code') && <ProblemAlert error={sign.error} />}
        <Group gap="xs">
          <Button
            disabled={!agreed || code.length !== 6 || name.trim().length < 2}
            loading={sign.isPending}
            onClick={() => sign.mutate({ code, consentVersion: data.consent.version, name: name.trim() })}
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

function DeclineForm({ token, onDone, onCancel }: { token: string; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState<DeclineReason>('another_offer');
  const [comment, setComment] = useState('');
  const decline = useDeclineOffer(token);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('portal.decline.title')}
        </Title>
        <NativeSelect
          label={t('portal.decline.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value as DeclineReason)}
          data={declineReasons.map((r) => ({ value: r, label: t(`portal.reason.${r}`) }))}
        />
        <Textarea label={t('portal.decline.comment')} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {decline.isError && <ProblemAlert error={decline.error} />}
        <Group gap="xs">
          <Button color="red" variant="outline" loading={decline.isPending} onClick={() => decline.mutate({ reason, comment }, { onSuccess: onDone })}>
            {t('portal.decline.submit')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('portal.back')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
