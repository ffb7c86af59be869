import { Center, Container, Paper, Stack, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { PortalOfferPage } from '../../features/portal/components/portal-offer-page';
import { t } from '../../i18n/t';
import '../../features/portal/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

/** Public: the candidate's e-mailed link is the credential; no account is needed. */
export default function PortalRoute() {
  usePageTitle(t('portal.pageTitle'));
  const { token = '' } = useParams();
  return (
    <Center mih="100vh" p="sm" bg="gray.0" component="main">
      <Container size={560} w="100%" px={0}>
        <Stack gap="md">
          <Text fw={800} size="lg" c="blue.9" ta="center">
            {t('app.name')}
          </Text>
          <Paper withBorder shadow="sm" p="lg" radius="md">
            <PortalOfferPage token={token} />
          </Paper>
        </Stack>
      </Container>
    </Center>
  );
}
