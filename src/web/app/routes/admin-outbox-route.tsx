import { OutboxPage } from '../../features/outbox/components/outbox-page';
import { t } from '../../i18n/t';
import '../../features/outbox/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function AdminOutboxRoute() {
  usePageTitle(t('outbox.title'));
  return <OutboxPage />;
}
