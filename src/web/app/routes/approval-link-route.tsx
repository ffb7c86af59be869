import { Center, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { ApprovalLinkPage } from '../../features/approvals/components/approval-link-page';
import { t } from '../../i18n/t';
import '../../features/approvals/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

/** Public, like sign-in: the e-mailed token is the credential, so no session is needed. */
export default function ApprovalLinkRoute() {
  usePageTitle(t('approvals.link.pageTitle'));
  const { token = '' } = useParams();
  return (
    <Center mih="100vh" p="md" bg="gray.0" component="main">
      <Container size={560} w="100%" px={0}>
        <Stack gap="lg">
          <Text fw={800} size="xl" c="blue.9" ta="center">
            {t('app.name')}
          </Text>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <Stack gap="md">
              <Title order={1} size="h3">
                {t('approvals.link.title')}
              </Title>
              <ApprovalLinkPage token={token} />
            </Stack>
          </Paper>
        </Stack>
      </Container>
    </Center>
  );
}
