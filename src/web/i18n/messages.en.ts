/**
 * The words of the app shell every screen needs: the header and navigation, page titles, loading and
 * error states. Loaded with t() in the first download; every other catalogue comes with its screen.
 * Keys are flat and dotted, unique across catalogues; `{name}` placeholders are filled by t().
 */
export const coreMessagesEn = {
  'app.name': 'Offerline',
  'app.pageTitle': '{page} · Offerline',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.openNavigation': 'Open navigation',
  'app.closeNavigation': 'Close navigation',
  'app.mainNavigation': 'Main navigation',

  'nav.offers': 'Offers',
  'nav.newOffer': 'New offer',
  'nav.signOut': 'Sign out',
  'nav.signedInAs': 'Signed in as {name}',
  'nav.admin': 'Users',
  'nav.adminMenu': 'Admin',

  'policy.nav': 'Approval policy',

  'documents.nav': 'Templates',

  'notifications.open': 'Notifications',
  'notifications.openUnread': 'Notifications, {count} unread',
  'notifications.title': 'Notifications',

  'outbox.nav': 'Outbox',

  'imports.nav': 'Import',

  'delegation.nav': 'Away',

  'error.network': 'Offerline could not be reached. Check your connection and try again.',
  'error.unexpected': 'Something went wrong. Please try again.',
  'error.pageTitle': 'This page could not be shown',
  'error.retry': 'Try again',
  'error.notFoundTitle': 'Page not found',
  'error.notFoundBody': 'There is nothing at this address.',
  'error.backToOffers': 'Back to offers',
  'webhooks.nav': 'Webhooks',
  'fields.nav': 'Custom fields',
  'signingSettings.nav': 'Signing',

  'approvals.nav': 'Approvals',
  'board.nav': 'Board',
  'metrics.nav': 'Metrics',
  'approvals.navCountHidden': 'waiting',
} as const;
