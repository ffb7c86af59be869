import { Badge, Group, Text } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import type { Step } from '../api/step';
import { formatDue } from './approval-labels';

/** When a pending step is due, and a red "SLA breached" once that time has passed. */
export function DueLine({ step }: { step: Pick<Step, 'dueAt' | 'slaBreached' | 'escalatedAt'> }) {
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" c="gray.8">
        {step.dueAt ? <time dateTime={step.dueAt}>{t('approvals.due', { when: formatDue(step.dueAt) })}</time> : t('approvals.noDue')}
      </Text>
      {step.slaBreached && (
        <Badge color="red.8" variant="filled" tt="none" fw={600}>
          {t('approvals.slaBreached')}
        </Badge>
      )}
      {step.escalatedAt && (
        <Text size="sm" c="red.9">
          {t('approvals.escalated', { when: formatDue(step.escalatedAt) })}
        </Text>
      )}
    </Group>
  );
}
