import { Button, Group, NativeSelect, Paper, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { declineReasons, useDeclineOffer, type DeclineReason } from '../api/portal-offer';

export function PortalDeclineForm({ token, onDone, onCancel }: { token: string; onDone: () => void; onCancel: () => void }) {
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
