import { Button, Popover, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useChangeRole, type AdminUser } from '../api/admin-users';
import { roleOptions } from './role-label';
import { ScopeSelect } from './scope-select';

/** Grants one more role; the server ends the user's sessions so the change applies at their next sign-in. */
export function GrantRolePopover({ user }: { user: AdminUser }) {
  const [opened, setOpened] = useState(false);
  const [role, setRole] = useState('recruiter');
  const [businessUnitId, setBusinessUnitId] = useState<string | null>(null);
  const change = useChangeRole();
  const grant = () =>
    change.mutate({ userId: user.id, grant: true, role: { role, businessUnitId } }, { onSuccess: () => setOpened(false) });

  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Button size="xs" variant="light" onClick={() => setOpened((o) => !o)} aria-label={t('admin.grantRoleTo', { name: user.name })}>
          {t('admin.grantRole')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={260}>
          <Select label={t('admin.role')} data={roleOptions} value={role} onChange={(v) => setRole(v ?? 'recruiter')} allowDeselect={false} comboboxProps={{ withinPortal: false }} />
          <ScopeSelect value={businessUnitId} onChange={setBusinessUnitId} />
          {change.isError && <ProblemAlert error={change.error} />}
          <Button size="xs" onClick={grant} loading={change.isPending}>
            {t('admin.grantRoleSubmit')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
