import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Permission } from '../../contracts/permissions';
import { NotFound } from '../components/NotFound';
import { permissionsFor } from './nav';
import { PageLoader } from './PageLoader';
import { RouteError } from './RouteError';

/** A lazily loaded page: each screen is its own chunk, fetched on first visit. */
type PageModule = { default: ComponentType };
const page = (load: () => Promise<PageModule>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

/** Pages behind a permission: the guard renders them, or the not-found page, from the nav table. */
function guarded(
  path: string,
  children: RouteObject[],
  anyOf: Permission[] = permissionsFor(`/app/${path}`) ?? [],
): RouteObject {
  return {
    path,
    lazy: async () => ({ Component: (await import('./guards')).RequirePermissionRoute(anyOf) }),
    children,
  };
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    // Shown while the first page's code loads (every page is a lazy chunk).
    hydrateFallbackElement: <PageLoader />,
    children: [
      { path: '/', ...page(() => import('../features/public/LandingPage')) },
      { path: '/sign-in', ...page(() => import('../features/auth/SignInPage')) },
      { path: '/doctors', ...page(() => import('../features/public/DoctorDirectoryPage')) },
      { path: '/invitations/accept', ...page(() => import('../features/staff/AcceptInvitationPage')) },
      { path: '/forgot-password', ...page(() => import('../features/account/ForgotPasswordPage')) },
      { path: '/reset-password', ...page(() => import('../features/account/ResetPasswordPage')) },
      {
        path: '/app',
        lazy: async () => ({ Component: (await import('./guards')).RequireAuth }),
        children: [
          { index: true, ...page(() => import('../features/dashboard/DashboardPage')) },
          { path: 'profile', ...page(() => import('../features/profile/ProfilePage')) },
          {
            path: 'notifications',
            ...page(() => import('../features/notifications/NotificationsPage')),
          },
          guarded('my-record', [{ index: true, ...page(() => import('../features/patients/MyRecordPage')) }]),
          guarded('patients', [
            { index: true, ...page(() => import('../features/patients/PatientsPage')) },
            { path: 'new', ...page(() => import('../features/patients/RegisterPatientPage')) },
            { path: ':id', ...page(() => import('../features/patients/PatientPage')) },
          ]),
          guarded('doctors', [{ index: true, ...page(() => import('../features/doctors/DoctorsPage')) }]),
          guarded('staff', [{ index: true, ...page(() => import('../features/staff/StaffPage')) }]),
          guarded('departments', [
            { index: true, ...page(() => import('../features/departments/DepartmentsPage')) },
          ]),
          guarded('hospitals', [
            { index: true, ...page(() => import('../features/hospitals/HospitalsPage')) },
          ]),
          guarded('audit', [{ index: true, ...page(() => import('../features/audit/AuditLogPage')) }]),
          guarded('deliveries', [
            { index: true, ...page(() => import('../features/operations/DeliveriesPage')) },
          ]),
          guarded('jobs', [{ index: true, ...page(() => import('../features/operations/FailedJobsPage')) }]),
          guarded('outbox', [{ index: true, ...page(() => import('../features/operations/OutboxPage')) }]),
          { path: '*', element: <NotFound home="/app" /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
