import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge';
import { t } from '../../../i18n/t';
import '../messages.en';
import { paths } from '../../../lib/paths';
import type { DecisionKind } from '../api/decide';
import type { InboxItem as Item } from '../api/inbox';
import { changedFieldsText } from './approval-labels';
import { BandChart } from './band-chart';
import { DecisionForm } from './decision-form';
import { DueLine } from './due-line';

export const itemLabel = (item: Item) =>
  item.offer.candidateName ? t('approvals.itemTitle', { candidate: item.offer.candidateName, title: item.offer.title }) : item.offer.title;

/** One step waiting on the reader: what, why, by when, and the buttons to decide. */
export function InboxItem({ item, onDecided }: { item: Item; onDecided: (item: Item, decision: DecisionKind) => void }) {
  const titleId = `approval-${item.id}`;
  const label = itemLabel(item);
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={titleId} data-testid="approval-item">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={2} size="h4" id={titleId} style={{ overflowWrap: 'anywhere' }}>
              <Anchor component={Link} to={paths.offer(item.offer.id)} inherit>
                {label}
              </Anchor>
            </Title>
            <Text size="sm" fw={500}>
              {t('approvals.stepInStage', { step: item.stepName, stage: item.stageName })}
            </Text>
          </Stack>
          <StatusBadge status={item.offer.status} />
        </Group>
        <DueLine step={item} />
        {item.onBehalfOf && (
          <Text size="sm" fw={600} c="violet.9">
            {t('approvals.onBehalfOf', { name: item.onBehalfOf.name })}
          </Text>
        )}
        {item.changedSinceApproval.length > 0 && (
          <Text size="sm" c="orange.9" fw={500}>
            {t('approvals.changedSince', { fields: changedFieldsText(item.changedSinceApproval) })}
          </Text>
        )}
        {item.explanation && (
          <div>
            <Text size="xs" fw={600} c="gray.7" tt="uppercase" lts={0.3}>
              {t('approvals.whyNeeded')}
            </Text>
            <Text size="sm" data-testid="approval-explanation">
              {item.explanation}
            </Text>
          </div>
        )}
        {item.band && <BandChart band={item.band} />}
        <DecisionForm stepId={item.id} offerLabel={label} onDecided={(d) => onDecided(item, d)} />
      </Stack>
    </Paper>
  );
}
