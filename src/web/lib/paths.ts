/** Client routes in one place so features link to each other without importing each other. */
export const paths = {
  signIn: () => '/sign-in',
  offers: () => '/offers',
  newOffer: () => '/offers/new',
  offer: (id: string) => `/offers/${id}`,
  editOffer: (id: string) => `/offers/${id}/edit`,
  adminUsers: () => '/admin/users',
  adminPolicy: () => '/admin/policy',
  adminOutbox: () => '/admin/outbox',
  adminImports: () => '/admin/imports',
  adminTemplates: () => '/admin/templates',
  adminSigning: () => '/admin/signing',
  adminWebhooks: () => '/admin/webhooks',
  adminFields: () => '/admin/fields',
  delegation: () => '/settings/delegation',
  approvals: () => '/approvals',
  board: () => '/board',
  /** Not /metrics: that address is the server's Prometheus endpoint, so a reload or a shared link would land there. */
  metrics: () => '/dashboard',
  approvalLink: (token: string) => `/approve/${token}`,
};
