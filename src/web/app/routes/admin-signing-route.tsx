import { SigningSettingsPage } from '../../features/signing-settings/components/signing-settings-page';
import { t } from '../../i18n/t';
import '../../features/signing-settings/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function AdminSigningRoute() {
  usePageTitle(t('signingSettings.pageTitle'));
  return <SigningSettingsPage />;
}
