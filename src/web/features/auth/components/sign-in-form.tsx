import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { t } from '../../../i18n/t';
import '../messages.en';
import { isProblem } from '../../../lib/api-client';
import type { Me } from '../api/me';
import { useSignIn } from '../api/sign-in';

interface Props {
  onSignedIn: (me: Me) => void;
  /** Shown when the reader was sent here because the session ended. */
  notice?: string;
}

export function SignInForm({ onSignedIn, notice }: Props) {
  const signIn = useSignIn();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('signIn.emailRequired')),
      password: (v) => (v ? null : t('signIn.passwordRequired')),
    },
  });

  const failure = signIn.error
    ? isProblem(signIn.error, 401)
      ? t('signIn.wrongCredentials')
      : (signIn.error as Error).message
    : null;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        signIn.mutate({ email: values.email.trim(), password: values.password }, { onSuccess: onSignedIn }),
      )}
    >
      <Stack gap="md">
        {notice && !failure && (
          <Text size="sm" c="gray.8" role="status">
            {notice}
          </Text>
        )}
        {failure && (
          <Alert color="red" variant="light" title={t('signIn.failedTitle')} role="alert">
            <Text size="sm" c="red.9">
              {failure}
            </Text>
          </Alert>
        )}
        <TextInput
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          required
          autoFocus
          {...form.getInputProps('email')}
        />
        <PasswordInput label={t('signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
        <Button type="submit" loading={signIn.isPending} fullWidth>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
