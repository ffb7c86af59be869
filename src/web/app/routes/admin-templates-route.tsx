import { useMe } from '../../features/auth/api/me';
import { TemplatesPage } from '../../features/documents/components/templates-page';
import { t } from '../../i18n/t';
import '../../features/documents/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

/** Organisation admins and legal write the library; the server decides, this only offers the buttons. */
const editors = new Set(['admin', 'legal']);

export default function AdminTemplatesRoute() {
  usePageTitle(t('documents.title'));
  return <TemplatesPage canEdit={!!useMe().data?.roles.some((r) => editors.has(r))} />;
}
