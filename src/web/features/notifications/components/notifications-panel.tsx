import { Anchor, Box, Button, Group, ScrollArea, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { useMarkAllRead, useMarkRead, type AppNotification, type fetchNotifications } from '../api/notifications';

type Page = Awaited<ReturnType<typeof fetchNotifications>>;

function Item({ n, onNavigate }: { n: AppNotification; onNavigate: () => void }) {
  const markRead = useMarkRead();
  const unread = !n.readAt;
  const open = () => {
    if (unread) markRead.mutate(n.id);
    onNavigate();
  };
  return (
    <Box component="li" px="md" py="sm" bg={unread ? 'blue.0' : undefined} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-unread={unread || undefined}>
      <Text size="sm" fw={unread ? 700 : 500}>
        {unread && <VisuallyHidden>{`${t('notifications.unread')}: `}</VisuallyHidden>}
        {n.title}
      </Text>
      <Text size="sm" c="gray.8">
        {n.body}
      </Text>
      <Group justify="space-between" gap="xs" mt={4}>
        <Text size="xs" c="gray.8">
          {formatDateTime(n.createdAt)}
        </Text>
        <Group gap="xs">
          {n.offerId && (
            <Anchor component={Link} to={paths.offer(n.offerId)} size="xs" onClick={open}>
              {t('notifications.openOffer')}
            </Anchor>
          )}
          {unread && (
            <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate(n.id)} loading={markRead.isPending} aria-label={t('notifications.markReadLabel', { title: n.title })}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Group>
      </Group>
    </Box>
  );
}

export default function NotificationsPanel({ query, onNavigate }: { query: UseQueryResult<Page>; onNavigate: () => void }) {
  const markAll = useMarkAllRead();
  const data = query.data;
  return (
    <Stack gap={0}>
      <Group justify="space-between" px="md" py="xs">
        <Text fw={700} size="sm" component="h2" m={0}>
          {t('notifications.title')}
        </Text>
        {!!data?.unreadCount && (
          <Button size="compact-xs" variant="subtle" onClick={() => markAll.mutate(undefined)} loading={markAll.isPending}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </Group>
      {query.isPending && <PageLoader />}
      {query.isError && (
        <Box p="sm">
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        </Box>
      )}
      {markAll.isError && (
        <Box p="sm">
          <ProblemAlert error={markAll.error} />
        </Box>
      )}
      {data && data.items.length === 0 && (
        <Text size="sm" c="gray.8" px="md" pb="md">
          {t('notifications.empty')}
        </Text>
      )}
      {data && data.items.length > 0 && (
        <ScrollArea.Autosize mah={420} type="auto">
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('notifications.list')}>
            {data.items.map((n) => (
              <Item key={n.id} n={n} onNavigate={onNavigate} />
            ))}
          </Box>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
