import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../contracts/permissions';
import { onUnauthenticated } from '../lib/api';
import { ME_KEY, useMe, useSession } from '../lib/session';
import { LoadError } from '../components/LoadError';
import { NotFound } from '../components/NotFound';
import { PageLoader } from './PageLoader';
import AppLayout from './layout/AppLayout';

/** Everything under /app: signed-in people only; others go to sign in and come back. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const client = useQueryClient();
  // A session that ends while the app is open (idle timeout, signed out elsewhere) sends the person to sign in.
  useEffect(() => onUnauthenticated(() => void client.invalidateQueries({ queryKey: ME_KEY })), [client]);

  if (me.isPending) return <PageLoader />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <AppLayout />;
}

/** A page for some permissions only: anyone else gets the same page as for an address that does not exist. */
export function RequirePermission({ anyOf }: { anyOf: Permission[] }) {
  const { can } = useSession();
  return can(...anyOf) ? <Outlet /> : <NotFound home="/app" />;
}

/** The guard as a route component for one set of permissions. */
export function RequirePermissionRoute(anyOf: Permission[]) {
  return function Guard() {
    return <RequirePermission anyOf={anyOf} />;
  };
}
