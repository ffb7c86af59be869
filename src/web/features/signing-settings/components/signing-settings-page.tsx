import { Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useSealCertificate, useSigningSettings } from '../api/signing-settings';
import { SealCertificateCard } from './seal-certificate-card';
import { SigningSettingsForm } from './signing-settings-form';

export function SigningSettingsPage() {
  const settings = useSigningSettings();
  const certificate = useSealCertificate();
  return (
    <Stack gap="lg" maw={820}>
      <div>
        <Title order={1}>{t('signingSettings.pageTitle')}</Title>
        <Text c="gray.8">{t('signingSettings.intro')}</Text>
      </div>
      {settings.isPending ? <PageLoader /> : settings.isError ? <ProblemAlert error={settings.error} /> : <SigningSettingsForm settings={settings.data} />}
      {certificate.isPending ? null : certificate.isError ? <ProblemAlert error={certificate.error} /> : <SealCertificateCard certificate={certificate.data} />}
    </Stack>
  );
}
