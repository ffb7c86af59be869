import { DelegationPage } from '../../features/delegation/components/delegation-page';
import { useMe } from '../../features/auth/api/me';
import { t } from '../../i18n/t';
import '../../features/delegation/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function DelegationRoute() {
  usePageTitle(t('delegation.title'));
  return <DelegationPage myId={useMe().data?.user.id} />;
}
