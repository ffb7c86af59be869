import { Alert, CloseButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { DecisionKind } from '../api/decide';
import { inboxKey, useInbox, type InboxItem as Item } from '../api/inbox';
import { InboxItem, itemLabel } from './inbox-item';

/** The approver's inbox: every step waiting on them, each decided in place. */
export function InboxPage() {
  const inbox = useInbox();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // The decided item leaves the list; focus goes to the confirmation so keyboard users are not lost.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const decided = (item: Item, decision: DecisionKind) => {
    qc.setQueryData<{ items: Item[] }>(inboxKey, (old) => (old ? { items: old.items.filter((i) => i.id !== item.id) } : old));
    // Refusing a rescind leaves the offer with the candidate; it does not go back to the recruiter.
    const key = item.phase === 'rescind' && decision !== 'approve' ? 'approvals.decided.rescindRefused' : `approvals.decided.${decision}`;
    setNotice(t(key as 'approvals.decided.reject', { step: item.stepName, offer: itemLabel(item) }));
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('approvals.title')}</Title>
        <Text c="gray.8" size="sm">
          {t('approvals.subtitle')}
        </Text>
        {/* A live region that is always there, so the confirmation is announced when it appears. */}
        <div role="status">
          {notice && (
            <Alert ref={noticeRef} tabIndex={-1} color="teal" variant="light" mt="md" data-testid="decision-notice">
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Text size="sm" c="teal.9" fw={500}>
                {notice}
              </Text>
                <CloseButton aria-label={t('approvals.dismiss')} onClick={() => setNotice(null)} />
              </Group>
            </Alert>
          )}
        </div>
      </div>
      {inbox.isPending ? (
        <PageLoader />
      ) : inbox.isError ? (
        <ProblemAlert error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : inbox.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text fw={600}>{t('approvals.empty')}</Text>
          <Text size="sm" c="gray.7">
            {t('approvals.emptyHint')}
          </Text>
        </Paper>
      ) : (
        <Stack gap="md" component="section" aria-label={t('approvals.list')}>
          {inbox.data.items.map((item) => (
            <InboxItem key={item.id} item={item} onDecided={decided} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
