import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../i18n/t';
import { ApiProblem } from '../lib/api-client';

interface Props {
  error: unknown;
  /** Replaces the server's detail, e.g. with a list of fields to check. */
  detail?: ReactNode;
  onRetry?: () => void;
  retryLabel?: string;
}

/** The banner for a failed request: the problem's title and its detail in product words. */
export function ProblemAlert({ error, detail, onRetry, retryLabel }: Props) {
  const problem = error instanceof ApiProblem ? error : null;
  const title = problem?.title ?? t('error.pageTitle');
  const body = detail ?? problem?.detail ?? t('error.unexpected');
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Text size="sm" c="red.9">
        {body}
      </Text>
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {retryLabel ?? t('error.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
