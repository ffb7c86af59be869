import { Center, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../features/auth/api/me';
import { SignInForm } from '../../features/auth/components/sign-in-form';
import { SingleSignOn } from '../../features/auth/components/single-sign-on';
import { t } from '../../i18n/t';
import '../../features/auth/messages.en';
import { usePageTitle } from '../../lib/use-page-title';
import { paths } from '../../lib/paths';

/** Only same-site paths, so a crafted link cannot bounce a fresh session to another site. */
function safeNext(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : paths.offers();
}

export default function SignInRoute() {
  usePageTitle(t('signIn.submit'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const next = safeNext(params.get('next'));
  if (me.data) return <Navigate to={next} replace />;

  return (
    <Center mih="100vh" p="md" bg="gray.0" component="main">
      <Container size={420} w="100%" px={0}>
        <Stack gap="lg">
          <Stack gap={4} align="center">
            <Text fw={800} size="xl" c="blue.9">
              {t('app.name')}
            </Text>
            <Text size="sm" c="gray.7">
              {t('app.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <Stack gap="md">
              <div>
                <Title order={1} size="h3">
                  {t('signIn.title')}
                </Title>
                <Text size="sm" c="gray.7">
                  {t('signIn.subtitle')}
                </Text>
              </div>
              <SingleSignOn failed={params.get('error') === 'sso_failed'} />
              <SignInForm
                notice={params.get('next') ? t('signIn.toContinue') : undefined}
                onSignedIn={() => navigate(next, { replace: true })}
              />
            </Stack>
          </Paper>
        </Stack>
      </Container>
    </Center>
  );
}
