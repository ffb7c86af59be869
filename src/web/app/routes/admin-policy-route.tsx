import { useMe } from '../../features/auth/api/me';
import { PolicyPage } from '../../features/policy/components/policy-page';
import { t } from '../../i18n/t';
import '../../features/policy/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function AdminPolicyRoute() {
  usePageTitle(t('policy.title'));
  // The server decides; admins are offered the save button (a business-unit admin is refused with a reason).
  return <PolicyPage canSave={!!useMe().data?.roles.includes('admin')} />;
}
