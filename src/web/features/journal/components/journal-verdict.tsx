import { Group, Loader, Paper, Text } from '@mantine/core';
import { toneSurface } from '../../../components/tone';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useJournalVerdict } from '../api/journal';

/** Whether the offer's hash chain still holds, checked by the server on every view. */
export function JournalVerdict({ offerId }: { offerId: string }) {
  const verdict = useJournalVerdict(offerId);
  if (verdict.isPending) {
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" aria-hidden />
        <Text size="sm">{t('journal.checking')}</Text>
      </Group>
    );
  }
  if (verdict.isError) {
    return (
      <Text size="sm" c="red.9" role="status">
        {t('journal.verifyFailed')}
      </Text>
    );
  }
  const v = verdict.data;
  if (v.ok) {
    return (
      <Paper p="xs" radius="md" role="status" data-testid="journal-verdict" style={toneSurface('green')}>
        <Text size="sm" fw={700} c="inherit">
          {t('journal.verified')}
        </Text>
        <Text size="xs" c="inherit">
          {v.length === 1 ? t('journal.verifiedDetailOne') : t('journal.verifiedDetail', { count: v.length })}
        </Text>
      </Paper>
    );
  }
  return (
    <Paper p="xs" radius="md" role="status" data-testid="journal-verdict" style={toneSurface('red')}>
      <Text size="sm" fw={700} c="inherit">
        {t('journal.broken', { seq: v.brokenAtSeq ?? '?' })}
      </Text>
      {v.reason && (
        <Text size="xs" c="inherit">
          {v.reason}
        </Text>
      )}
    </Paper>
  );
}
