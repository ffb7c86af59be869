import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useOutbox, type OutboxItem } from '../api/outbox';
import { MailModal } from './mail-modal';
import { OutboxTable } from './outbox-table';

export function OutboxPage() {
  const outbox = useOutbox();
  const [reading, setReading] = useState<OutboxItem | null>(null);
  const items = outbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('outbox.title')}</Title>
        <Text c="gray.8" size="sm" maw={900}>
          {t('outbox.subtitle')}
        </Text>
      </div>
      {outbox.isPending && <PageLoader />}
      {outbox.isError && <ProblemAlert error={outbox.error} onRetry={() => void outbox.refetch()} />}
      {outbox.data && items.length === 0 && <Text size="sm">{t('outbox.empty')}</Text>}
      {items.length > 0 && <OutboxTable items={items} onRead={setReading} />}
      {outbox.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void outbox.fetchNextPage()} loading={outbox.isFetchingNextPage}>
            {t('outbox.more')}
          </Button>
        </Group>
      )}
      <MailModal item={reading} onClose={() => setReading(null)} />
    </Stack>
  );
}
