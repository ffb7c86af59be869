import { Box, Group, Modal, Stack, Text } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import type { OutboxItem } from '../api/outbox';
import { OutboxStatus } from './outbox-table';

/** The e-mail as the recipient reads it: plain text, links selectable and copyable. */
export function MailModal({ item, onClose }: { item: OutboxItem | null; onClose: () => void }) {
  return (
    <Modal opened={item !== null} onClose={onClose} size="lg" title={item?.subject ?? ''} closeButtonProps={{ 'aria-label': t('outbox.close') }}>
      {item && (
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="gray.8">
              {t('outbox.meta', { to: item.to, when: formatDateTime(item.createdAt) })}
              {item.sentAt && ` · ${t('outbox.sentAt', { when: formatDateTime(item.sentAt) })}`}
            </Text>
            <OutboxStatus status={item.status} />
          </Group>
          {item.lastError && (
            <Text size="sm" c="red.9">
              {t('outbox.lastError', { attempts: item.attempts, error: item.lastError })}
            </Text>
          )}
          <Box
            component="pre"
            data-testid="mail-body"
            m={0}
            p="sm"
            bg="gray.0"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'var(--mantine-font-family)', fontSize: 'var(--mantine-font-size-sm)', borderRadius: 'var(--mantine-radius-sm)' }}
          >
            {item.text}
          </Box>
        </Stack>
      )}
    </Modal>
  );
}
