import { useMe } from '../../features/auth/api/me';
import { UsersAdminPage } from '../../features/admin/components/users-admin-page';
import { t } from '../../i18n/t';
import '../../features/admin/messages.en';
import { usePageTitle } from '../../lib/use-page-title';

export default function AdminUsersRoute() {
  usePageTitle(t('admin.title'));
  return <UsersAdminPage myId={useMe().data?.user.id} />;
}
