import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';
import { t } from '../i18n/t';

/** Last resort for a route that failed to load or render, e.g. a stale chunk after a deploy. */
export function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <Container size="sm" py="xl">
      <Stack gap="sm">
        <Title order={1} size="h2">
          {t('error.pageTitle')}
        </Title>
        <Text>{t('error.unexpected')}</Text>
        <div>
          <Button onClick={() => window.location.reload()}>{t('error.retry')}</Button>
        </div>
      </Stack>
    </Container>
  );
}
