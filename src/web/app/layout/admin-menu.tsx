import { Menu } from '@mantine/core';
import { NavLink as RouterNavLink } from 'react-router';
import { AdminMenuButton } from './admin-menu-button';
import type { NavItem } from './mobile-nav';

interface Props {
  items: NavItem[];
  /** Opens at once: the reader clicked the button before this menu had loaded. */
  defaultOpened: boolean;
}

/**
 * The header's Admin menu. Only admins see it, so it loads on its own (Mantine's Menu brings
 * its search input and checkbox items along) rather than in every reader's first download.
 */
export default function AdminMenu({ items, defaultOpened }: Props) {
  const active = items.some((l) => l.active);
  return (
    <Menu position="bottom-start" withinPortal defaultOpened={defaultOpened}>
      <Menu.Target>
        <AdminMenuButton active={active} />
      </Menu.Target>
      <Menu.Dropdown>
        {items.map((l) => (
          <Menu.Item key={l.to} component={RouterNavLink} to={l.to} aria-current={l.active ? 'page' : undefined} fw={l.active ? 700 : undefined}>
            {l.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
