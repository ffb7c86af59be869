import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoader } from '../components/page-loader';
import { paths } from '../lib/paths';
import { AppLayout } from './layout/app-layout';
import { RequireAuth } from './layout/require-auth';
import { RouteError } from './route-error';

// One chunk per screen keeps the first download to the shell (DESIGN §6: a plain Mantine app is ~240 kB).
const SignInRoute = lazy(() => import('./routes/sign-in-route'));
const OffersListRoute = lazy(() => import('./routes/offers-list-route'));
const OfferDetailRoute = lazy(() => import('./routes/offer-detail-route'));
const NewOfferRoute = lazy(() => import('./routes/new-offer-route'));
const EditOfferRoute = lazy(() => import('./routes/edit-offer-route'));
const AdminUsersRoute = lazy(() => import('./routes/admin-users-route'));
const AdminPolicyRoute = lazy(() => import('./routes/admin-policy-route'));
const AdminOutboxRoute = lazy(() => import('./routes/admin-outbox-route'));
const AdminImportsRoute = lazy(() => import('./routes/admin-imports-route'));
const AdminTemplatesRoute = lazy(() => import('./routes/admin-templates-route'));
const AdminSigningRoute = lazy(() => import('./routes/admin-signing-route'));
const AdminWebhooksRoute = lazy(() => import('./routes/admin-webhooks-route'));
const AdminFieldsRoute = lazy(() => import('./routes/admin-fields-route'));
const DelegationRoute = lazy(() => import('./routes/delegation-route'));
const NotFoundRoute = lazy(() => import('./routes/not-found-route'));
const ApprovalsRoute = lazy(() => import('./routes/approvals-route'));
const ApprovalLinkRoute = lazy(() => import('./routes/approval-link-route'));
const PortalRoute = lazy(() => import('./routes/portal-route'));
const BoardRoute = lazy(() => import('./routes/board-route'));
const MetricsRoute = lazy(() => import('./routes/metrics-route'));

const page = (Component: LazyExoticComponent<ComponentType>) => (
  <Suspense fallback={<PageLoader />}>
    <Component />
  </Suspense>
);

export const router = createBrowserRouter([
  { path: paths.signIn(), element: page(SignInRoute), errorElement: <RouteError /> },
  { path: '/approve/:token', element: page(ApprovalLinkRoute), errorElement: <RouteError /> },
  { path: '/portal/:token', element: page(PortalRoute), errorElement: <RouteError /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to={paths.offers()} replace /> },
          { path: 'offers', element: page(OffersListRoute) },
          { path: 'offers/new', element: page(NewOfferRoute) },
          { path: 'offers/:id', element: page(OfferDetailRoute) },
          { path: 'offers/:id/edit', element: page(EditOfferRoute) },
          { path: 'admin/users', element: page(AdminUsersRoute) },
          { path: 'admin/policy', element: page(AdminPolicyRoute) },
          { path: 'admin/outbox', element: page(AdminOutboxRoute) },
          { path: 'admin/imports', element: page(AdminImportsRoute) },
          { path: 'admin/templates', element: page(AdminTemplatesRoute) },
          { path: 'admin/signing', element: page(AdminSigningRoute) },
          { path: 'admin/webhooks', element: page(AdminWebhooksRoute) },
          { path: 'admin/fields', element: page(AdminFieldsRoute) },
          { path: 'settings/delegation', element: page(DelegationRoute) },
          { path: 'approvals', element: page(ApprovalsRoute) },
          { path: 'board', element: page(BoardRoute) },
          { path: 'dashboard', element: page(MetricsRoute) },
          { path: '*', element: page(NotFoundRoute) },
        ],
      },
    ],
  },
]);
