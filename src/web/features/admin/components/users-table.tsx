import { ActionIcon, Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { useChangeRole, useSetUserEnabled, type AdminUser } from '../api/admin-users';
import { GrantRolePopover } from './grant-role-popover';
import { grantLabel } from './role-label';

export function UsersTable({ users, myId }: { users: AdminUser[]; myId: string | undefined }) {
  const change = useChangeRole();
  const enable = useSetUserEnabled();
  const failed = change.error ?? enable.error;
  return (
    <Stack gap="sm">
    {failed && <ProblemAlert error={failed} />}
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" striped aria-label={t('admin.usersTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.name')}</Table.Th>
            <Table.Th>{t('admin.roles')}</Table.Th>
            <Table.Th>{t('admin.status')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('admin.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id} data-email={u.email}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {u.name}
                </Text>
                <Text size="xs" c="gray.8">
                  {u.email}
                  {!u.hasPassword && ` · ${t('admin.ssoOnly')}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {u.roles.length === 0 && (
                    <Text size="sm" c="gray.8">
                      {t('admin.noRoles')}
                    </Text>
                  )}
                  {u.roles.map((g) => (
                    <Badge
                      key={`${g.role}:${g.businessUnitId ?? ''}`}
                      variant="light"
                      color="blue"
                      tt="none"
                      pr={4}
                      rightSection={
                        <ActionIcon
                          size="xs"
                          variant="transparent"
                          color="blue.9"
                          aria-label={t('admin.revokeRole', { role: grantLabel(g), name: u.name })}
                          onClick={() => change.mutate({ userId: u.id, grant: false, role: { role: g.role, businessUnitId: g.businessUnitId } })}
                        >
                          <span aria-hidden="true">×</span>
                        </ActionIcon>
                      }
                    >
                      {grantLabel(g)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600} c={u.disabledAt ? 'red.9' : 'gray.9'}>
                  {u.disabledAt ? t('admin.disabled') : t('admin.active')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <GrantRolePopover user={u} />
                  {u.id !== myId && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => enable.mutate({ userId: u.id, enabled: !!u.disabledAt })}
                      aria-label={t(u.disabledAt ? 'admin.enableUser' : 'admin.disableUser', { name: u.name })}
                    >
                      {u.disabledAt ? t('admin.enable') : t('admin.disable')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
    </Stack>
  );
}
