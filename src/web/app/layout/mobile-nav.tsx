import { Button, Drawer, NavLink, Stack, Text } from '@mantine/core';
import { NavLink as RouterNavLink } from 'react-router';
import { NavCount } from '../../features/approvals/components/nav-count';
import { t } from '../../i18n/t';

export interface NavItem {
  to: string;
  label: string;
  active: boolean;
  /** Items waiting on the reader (approvals), shown as a badge. */
  count?: number;
  /** Organisation settings: on wide screens they sit together under one "Admin" menu. */
  admin?: boolean;
}

interface Props {
  /** The width from which the header shows the navigation itself. */
  hiddenFrom: 'md' | 'lg';
  opened: boolean;
  onClose: () => void;
  links: NavItem[];
  userName: string | undefined;
  onSignOut: () => void;
  signingOut: boolean;
}

/** The phone navigation: a drawer that traps focus while open and closes on Escape. */
export default function MobileNav({ hiddenFrom, opened, onClose, links, userName, onSignOut, signingOut }: Props) {
  return (
    <Drawer opened={opened} onClose={onClose} title={t('app.name')} size={280} hiddenFrom={hiddenFrom}>
      <Stack gap="xs" component="nav" aria-label={t('app.mainNavigation')}>
        {links.map((l) => (
          <NavLink
            key={l.to}
            component={RouterNavLink}
            to={l.to}
            label={l.label}
            active={l.active}
            onClick={onClose}
            rightSection={l.count ? <NavCount count={l.count} /> : undefined}
          />
        ))}
        {userName && (
          <Text size="sm" c="gray.8" mt="md">
            {t('nav.signedInAs', { name: userName })}
          </Text>
        )}
        <Button variant="default" onClick={onSignOut} loading={signingOut}>
          {t('nav.signOut')}
        </Button>
      </Stack>
    </Drawer>
  );
}
