import { Alert, Button, Divider, Stack, Text } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import { SSO_START_URL, useSignInMethods } from '../api/sign-in-methods';

interface Props {
  /** The identity provider's sign-in did not end in a session (the server redirected back with error=sso_failed). */
  failed: boolean;
}

/** The single sign-on button (when the server has a provider) and the message after a failed attempt. */
export function SingleSignOn({ failed }: Props) {
  const methods = useSignInMethods();
  const oidc = methods.data?.oidc;
  if (!failed && !oidc) return null;
  return (
    <Stack gap="md">
      {failed && (
        <Alert color="red" variant="light" title={t('signIn.ssoFailedTitle')} role="alert">
          <Text size="sm" c="red.9">
            {t('signIn.ssoFailed')}
          </Text>
        </Alert>
      )}
      {oidc && (
        <>
          {/* A plain link: the browser must leave for the provider, not fetch it. */}
          <Button component="a" href={SSO_START_URL} variant="default" fullWidth>
            {t('signIn.withSso', { name: oidc.displayName })}
          </Button>
          <Divider label={t('signIn.orWithPassword')} labelPosition="center" />
        </>
      )}
    </Stack>
  );
}
