import { ActionIcon, Badge, Box, Popover } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { t } from '../../../i18n/t';
import { useNotifications } from '../api/notifications';

// The list loads on first open: most screens only ever show the count.
const NotificationsPanel = lazy(() => import('./notifications-panel'));

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The header bell: unread count on the icon, recent notifications in a popover. */
export function NotificationsBell({ enabled }: { enabled: boolean }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const notifications = useNotifications(enabled);
  const unread = notifications.data?.unreadCount ?? 0;
  const label = unread ? t('notifications.openUnread', { count: unread }) : t('notifications.open');
  return (
    // The count sits beside the button, not in it: the popover's target must be the button itself.
    <Box pos="relative">
      <Popover opened={opened} onChange={(o) => !o && close()} onDismiss={close} position="bottom-end" width={360} shadow="md" trapFocus returnFocus withinPortal>
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray.8" size="lg" onClick={toggle} aria-label={label} data-testid="notifications-bell">
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} aria-label={t('notifications.title')}>
          {opened && (
            <Suspense fallback={<PageLoader />}>
              <NotificationsPanel query={notifications} onNavigate={close} />
            </Suspense>
          )}
        </Popover.Dropdown>
      </Popover>
      {unread > 0 && (
        <Badge size="xs" circle={unread < 10} color="red.8" pos="absolute" top={-4} right={-6} aria-hidden="true" style={{ pointerEvents: 'none' }}>
          {unread > 99 ? '99+' : unread}
        </Badge>
      )}
    </Box>
  );
}
