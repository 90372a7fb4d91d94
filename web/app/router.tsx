import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Permission } from '../../contracts/permissions';
import { NotFound } from '../components/NotFound';
import { loadAllWords, prefetchAllWords } from '../i18n';
import { NAV, type NavItem, type PageModule } from './nav';
import { PageLoader } from './PageLoader';
import { RouteError } from './RouteError';

/** A lazily loaded page: each screen is its own chunk, fetched on first visit. */
const page = (load: () => Promise<PageModule>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

/**
 * A page that shows words beyond the core set (web/i18n/core.ts): it renders only once every word
 * is in. Signed-out pages outside this (and /app) must find theirs in the core (core.test.ts).
 */
const pageWithAllWords = (load: () => Promise<PageModule>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await Promise.all([load(), loadAllWords()]))[0].default }),
});

/** A sub-page that needs more than its entry, behind a guard of its own. */
function guarded(path: string, anyOf: Permission[], load: () => Promise<PageModule>): RouteObject {
  return {
    path,
    lazy: async () => ({ Component: (await import('./guards')).RequirePermissionRoute(anyOf) }),
    children: [{ index: true, ...page(load) }],
  };
}

/** The routes of one menu entry, behind the entry's permission guard when it has one. */
function fromNav(item: NavItem): RouteObject[] {
  const children: RouteObject[] = item.pages.map((p) =>
    p.path
      ? p.anyOf
        ? guarded(p.path, p.anyOf, p.load)
        : { path: p.path, ...page(p.load) }
      : { index: true, ...page(p.load) },
  );
  const path = item.to.replace(/^\/app\/?/, '');
  if (!path) return children; // the dashboard: /app itself
  if (!item.anyOf) return [{ path, children }];
  const anyOf = item.anyOf;
  return [
    {
      path,
      lazy: async () => ({ Component: (await import('./guards')).RequirePermissionRoute(anyOf) }),
      children,
    },
  ];
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    // Shown while the first page's code loads (every page is a lazy chunk).
    hydrateFallbackElement: <PageLoader />,
    children: [
      { path: '/', ...page(() => import('../features/public/LandingPage')) },
      {
        path: '/sign-in',
        // The words of /app come in while the person types; signing in then shows no wait.
        ...page(() => (prefetchAllWords(), import('../features/auth/SignInPage'))),
      },
      // Its Book buttons use the words of appointments, not in the core.
      { path: '/doctors', ...pageWithAllWords(() => import('../features/public/DoctorDirectoryPage')) },
      {
        path: '/queue/:hospitalSlug',
        ...pageWithAllWords(() => import('../features/queue/QueueScreenPage')),
      },
      { path: '/invitations/accept', ...page(() => import('../features/staff/AcceptInvitationPage')) },
      { path: '/forgot-password', ...page(() => import('../features/account/ForgotPasswordPage')) },
      { path: '/reset-password', ...page(() => import('../features/account/ResetPasswordPage')) },
      {
        path: '/app',
        // Every page under /app may use any word: the signed-in shell renders once all are in.
        lazy: async () => ({
          Component: (await Promise.all([import('./guards'), loadAllWords()]))[0].RequireAuth,
        }),
        children: [
          ...NAV.flatMap(fromNav),
          // Reached from the user menu, not the navigation: open to everyone signed in.
          { path: 'profile', ...page(() => import('../features/profile/ProfilePage')) },
          { path: 'notifications', ...page(() => import('../features/notifications/NotificationsPage')) },
          { path: '*', element: <NotFound home="/app" /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
