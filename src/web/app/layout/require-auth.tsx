import { Container } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { ProblemAlert } from '../../components/problem-alert';
import { useMe } from '../../features/auth/api/me';
import { paths } from '../../lib/paths';

/** Everything below needs a session; without one the reader goes to sign-in and comes back after. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${paths.signIn()}?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
