import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useNameLookup, useUsers } from '../../../lib/directory';
import { formatDateTime } from '../../../lib/format';
import { useJournal } from '../api/journal';
import { describeEntry } from './journal-labels';
import { JournalVerdict } from './journal-verdict';

export function JournalPanel({ offerId }: { offerId: string }) {
  const journal = useJournal(offerId);
  const userName = useNameLookup(useUsers().data);
  const titleId = `journal-title-${offerId}`;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={2} size="h4" id={titleId}>
          {t('journal.title')}
        </Title>
        <JournalVerdict offerId={offerId} />
        {journal.isPending ? (
          <PageLoader />
        ) : journal.isError ? (
          <ProblemAlert error={journal.error} onRetry={() => void journal.refetch()} />
        ) : journal.data.length === 0 ? (
          <Text size="sm">{t('journal.empty')}</Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} active={journal.data.length - 1} data-testid="journal-timeline">
            {journal.data.map((entry) => {
              const text = describeEntry(entry);
              const actor = entry.actorId ? (userName(entry.actorId) ?? t('journal.unknownActor')) : t('journal.system');
              return (
                <Timeline.Item key={entry.seq} title={<Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{text.title}</Text>}>
                  {text.detail && (
                    <Text size="sm" c="gray.8">
                      {text.detail}
                    </Text>
                  )}
                  <Text size="xs" c="gray.7">
                    {actor} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </Stack>
    </Paper>
  );
}
