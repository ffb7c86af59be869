import { InboxPage } from '../../features/approvals/components/inbox-page';
import { t } from '../../i18n/t';
import '../../features/approvals/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function ApprovalsRoute() {
  usePageTitle(t('approvals.title'));
  return <InboxPage />;
}
