import { Anchor, AppShell, Box, Burger, Button, Container, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink as RouterNavLink, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { canEditOffers, useMe } from '../../features/auth/api/me';
import { useSignOut } from '../../features/auth/api/sign-out';
import { NotificationsBell } from '../../features/notifications/components/notifications-bell';
import { useInboxCount } from '../../features/approvals/api/inbox-count';
import { NavCount } from '../../features/approvals/components/nav-count';
import { t } from '../../i18n/t';
import { paths } from '../../lib/paths';
import { AdminMenuButton } from './admin-menu-button';
import classes from './app-layout.module.css';
import type { NavItem } from './mobile-nav';

const MobileNav = lazy(() => import('./mobile-nav'));
const AdminMenu = lazy(() => import('./admin-menu'));
/** Roles the server lets read the approval policy (src/flow/policy/policy.service.ts). */
const policyReaders = new Set(['admin', 'recruiter', 'finance', 'hrbp', 'legal', 'hiring_manager']);
/** Roles offered the document library in the navigation: its writers, and recruiters who read it. */
const libraryUsers = new Set(['admin', 'legal', 'recruiter']);
/** Roles the server lets read metrics (src/flow/metrics/metrics-query.ts). */
const metricsReaders = new Set(['admin', 'recruiter', 'hr_ops', 'hrbp', 'finance']);

/** Admin settings, behind a menu that loads on its own; a click before it arrives opens it on arrival. */
function AdminMenuSlot({ items }: { items: NavItem[] }) {
  const [openOnLoad, setOpenOnLoad] = useState(false);
  return (
    <Suspense fallback={<AdminMenuButton active={items.some((l) => l.active)} onClick={() => setOpenOnLoad(true)} />}>
      <AdminMenu items={items} defaultOpened={openOnLoad} />
    </Suspense>
  );
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const me = useMe().data;
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const approvalsWaiting = useInboxCount(!!me).data ?? 0;
  const isAdmin = !!me?.roles.includes('admin');
  const adminItem = (to: string, label: string): NavItem => ({ to, label, active: pathname === to, admin: true });
  const links: NavItem[] = [
    { to: paths.offers(), label: t('nav.offers'), active: pathname === paths.offers() || (pathname.startsWith('/offers/') && pathname !== paths.newOffer()) },
    ...(canEditOffers(me) ? [{ to: paths.newOffer(), label: t('nav.newOffer'), active: pathname === paths.newOffer() }] : []),
    { to: paths.approvals(), label: t('approvals.nav'), active: pathname === paths.approvals(), count: approvalsWaiting },
    { to: paths.board(), label: t('board.nav'), active: pathname === paths.board() },
    ...(me?.roles.some((r) => metricsReaders.has(r)) ? [{ to: paths.metrics(), label: t('metrics.nav'), active: pathname === paths.metrics() }] : []),
    ...(me?.roles.some((r) => policyReaders.has(r)) ? [{ to: paths.adminPolicy(), label: t('policy.nav'), active: pathname === paths.adminPolicy() }] : []),
    ...(me?.roles.some((r) => libraryUsers.has(r)) ? [{ to: paths.adminTemplates(), label: t('documents.nav'), active: pathname === paths.adminTemplates() }] : []),
    { to: paths.delegation(), label: t('delegation.nav'), active: pathname === paths.delegation() },
    // Only admins manage the organisation; the server refuses everyone else (and business-unit admins) anyway.
    ...(isAdmin
      ? [
          adminItem(paths.adminUsers(), t('nav.admin')),
          adminItem(paths.adminSigning(), t('signingSettings.nav')),
          adminItem(paths.adminWebhooks(), t('webhooks.nav')),
          adminItem(paths.adminFields(), t('fields.nav')),
          adminItem(paths.adminOutbox(), t('outbox.nav')),
          adminItem(paths.adminImports(), t('imports.nav')),
        ]
      : []),
  ];
  // Past eight header items (an admin: eight links and the Admin menu) the bar needs the lg width; below it they go to the drawer.
  const headerItems = links.filter((l) => !l.admin).length + (links.some((l) => l.admin) ? 1 : 0);
  const navFrom = headerItems > 8 ? 'lg' : 'md';
  // After an in-app navigation, start screen readers and the Tab key at the new page, not the old link.
  const lastPath = useRef(pathname);
  useEffect(() => {
    if (lastPath.current === pathname) return;
    lastPath.current = pathname;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  const doSignOut = () => signOut.mutate(undefined, { onSettled: () => navigate(paths.signIn(), { replace: true }) });

  return (
    <AppShell header={{ height: 60 }} padding={0}>
      <a href="#main" className={classes.skipLink}>
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Container size="xl" h="100%" px={{ base: 'sm', sm: 'lg' }}>
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Anchor component={Link} to={paths.offers()} fw={800} size="lg" underline="never" c="blue.9">
                {t('app.name')}
              </Anchor>
              {/* Up to eight items fit from md, nine from lg: below that they move into the drawer rather than wrap. */}
              <Box component="nav" aria-label={t('app.mainNavigation')} visibleFrom={navFrom}>
                <Group gap={2} wrap="nowrap">
                  {links.filter((l) => !l.admin).map((l) => (
                    <Button
                      key={l.to}
                      component={RouterNavLink}
                      to={l.to}
                      variant={l.active ? 'light' : 'subtle'}
                      c={l.active ? 'blue.9' : 'gray.8'}
                      aria-current={l.active ? 'page' : undefined}
                      px={navFrom === 'lg' ? 'xs' : 'sm'}
                      rightSection={l.count ? <NavCount count={l.count} /> : undefined}
                    >
                      {l.label}
                    </Button>
                  ))}
                  {links.some((l) => l.admin) && <AdminMenuSlot items={links.filter((l) => l.admin)} />}
                </Group>
              </Box>
            </Group>
            <Group gap="xs" wrap="nowrap">
            <NotificationsBell enabled={!!me} />
            <Group gap="sm" wrap="nowrap" visibleFrom={navFrom}>
              {me && (
                <Text size="sm" c="gray.8" truncate maw={navFrom === 'lg' ? { base: 150, xl: 240 } : 240} visibleFrom="lg">
                  {t('nav.signedInAs', { name: me.user.name })}
                </Text>
              )}
              <Button variant="default" size="sm" onClick={doSignOut} loading={signOut.isPending}>
                {t('nav.signOut')}
              </Button>
            </Group>
            <Burger
              opened={opened}
              onClick={() => {
                setDrawerUsed(true);
                toggle();
              }}
              hiddenFrom={navFrom}
              size="sm"
              aria-label={opened ? t('app.closeNavigation') : t('app.openNavigation')}
              aria-expanded={opened}
            />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      {/* Phones get the navigation in a drawer, loaded on first open: desktop never downloads it. */}
      {drawerUsed && (
        <Suspense fallback={null}>
          <MobileNav hiddenFrom={navFrom} opened={opened} onClose={close} links={links} userName={me?.user.name} onSignOut={doSignOut} signingOut={signOut.isPending} />
        </Suspense>
      )}
      <ScrollRestoration />
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        {/* Same container as the header, so page content lines up under the brand at every width. */}
        <Container size="xl" px={{ base: 'sm', sm: 'lg' }} py={{ base: 'md', sm: 'lg' }}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
