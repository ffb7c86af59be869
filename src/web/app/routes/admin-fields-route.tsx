import { FieldsPage } from '../../features/fields/components/fields-page';
import { t } from '../../i18n/t';
import '../../features/fields/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

/** Admins define the organisation's own offer fields and arrange the intake form; the server decides who may. */
export default function AdminFieldsRoute() {
  usePageTitle(t('fields.pageTitle'));
  return <FieldsPage />;
}
