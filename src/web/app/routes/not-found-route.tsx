import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { t } from '../../i18n/t';
import { paths } from '../../lib/paths';

export default function NotFoundRoute() {
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        {t('error.notFoundTitle')}
      </Title>
      <Text>{t('error.notFoundBody')}</Text>
      <Anchor component={Link} to={paths.offers()}>
        {t('error.backToOffers')}
      </Anchor>
    </Stack>
  );
}
