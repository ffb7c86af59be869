import { Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useAdminUsers } from '../api/admin-users';
import { AddUserForm } from './add-user-form';
import { UsersTable } from './users-table';

export function UsersAdminPage({ myId }: { myId: string | undefined }) {
  const users = useAdminUsers();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('admin.title')}</Title>
        <Text c="gray.8" size="sm">
          {t('admin.subtitle')}
        </Text>
      </div>
      <AddUserForm />
      {users.isPending && <PageLoader />}
      {users.isError && <ProblemAlert error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && <UsersTable users={users.data} myId={myId} />}
    </Stack>
  );
}
