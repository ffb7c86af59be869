import { ImportsPage } from '../../features/imports/components/imports-page';
import { t } from '../../i18n/t';
import '../../features/imports/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function AdminImportsRoute() {
  usePageTitle(t('imports.title'));
  return <ImportsPage />;
}
