import { List, Stack, Text, Title } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../../../i18n/shared.en';
import { formatDateTime } from '../../../lib/format';
import { describeAsked } from '../../../lib/term-words';
import type { ChangeRequest } from '../api/delivery';

/** What the candidate (or a colleague) asked to change, value by value; hidden values stay hidden. */
export function ChangeRequestsList({ requests, currency }: { requests: ChangeRequest[]; currency: string }) {
  if (requests.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="change-requests">
      <Title order={3} size="h5">
        {t('changes.title')}
      </Title>
      {requests.map((r) => (
        <Stack key={r.id} gap={2}>
          <Text size="sm" fw={600}>
            {t(r.source === 'candidate' ? 'changes.fromCandidate' : 'changes.fromInside', { when: formatDateTime(r.createdAt), version: r.versionNumber, status: t(`changes.status.${r.status === 'open' ? 'open' : r.status === 'answered' ? 'answered' : 'rejected'}`) })}
          </Text>
          <List size="sm" spacing={2}>
            {r.deltas.map((d) => (
              <List.Item key={d.field}>{d.current === undefined && d.asked === undefined ? t('changes.hidden', { field: d.label ?? d.field }) : describeAsked(d, currency)}</List.Item>
            ))}
          </List>
          {r.comment && (
            <Text size="sm" fs="italic">
              “{r.comment}”
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
