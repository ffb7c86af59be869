import { Center, Loader } from '@mantine/core';
import { t } from '../i18n/t';

export function PageLoader() {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="md" aria-label={t('app.loading')} />
    </Center>
  );
}
