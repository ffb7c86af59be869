import { WebhooksPage } from '../../features/webhooks/components/webhooks-page';
import { t } from '../../i18n/t';
import '../../features/webhooks/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function AdminWebhooksRoute() {
  usePageTitle(t('webhooks.pageTitle'));
  return <WebhooksPage />;
}
