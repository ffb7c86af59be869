import { Blockquote, List, Text } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatDateTime } from '../../../lib/format';
import type { Decision } from '../api/plan';
import { decisionVerb } from './approval-labels';

/** Who decided what, when and how; "Dana Lee for Sam Rivera" when a delegate acted. */
export function DecisionLog({ decisions }: { decisions: Decision[] }) {
  return (
    <List listStyleType="none" spacing="xs" size="sm" aria-label={t('approvals.plan.log')} data-testid="decision-log">
      {decisions.map((d) => {
        const who =
          d.actedBy.id === d.approver.id
            ? t('approvals.log.actor', { name: d.actedBy.name })
            : t('approvals.log.delegate', { actor: d.actedBy.name, approver: d.approver.name });
        return (
          <List.Item key={`${d.actedBy.id}-${d.at}`}>
            <Text size="sm">
              <Text span fw={600} inherit>
                {who}
              </Text>{' '}
              {decisionVerb(d.decision)}
              <Text span c="gray.7" inherit>
                {' · '}
                <time dateTime={d.at}>{formatDateTime(d.at)}</time>
                {d.via === 'email_link' && ` · ${t('approvals.log.byLink')}`}
              </Text>
            </Text>
            {d.comment && (
              <Blockquote p={6} pl="sm" mt={4} color="gray" iconSize={0} style={{ fontSize: 'var(--mantine-font-size-sm)', overflowWrap: 'anywhere' }}>
                {d.comment}
              </Blockquote>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}
