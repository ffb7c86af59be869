import { Alert, Button, Group, Text } from '@mantine/core';
import { t } from '../i18n/t';
import '../i18n/shared.en';
import { toneText } from './tone';

/** Shown on a 409: someone else moved the offer, so the reader's copy is stale. */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  return (
    <Alert color="orange" variant="light" title={t('error.conflictTitle')} role="alert">
      <Text size="sm" style={{ color: toneText('orange') }}>
        {t('error.conflictBody')}
      </Text>
      <Group mt="sm">
        <Button size="xs" variant="default" onClick={onReload}>
          {t('error.reload')}
        </Button>
      </Group>
    </Alert>
  );
}
