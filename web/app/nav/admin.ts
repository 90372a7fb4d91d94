// Administration and operations: stores, doctors, staff, departments, hospitals, the audit log, patients' erasure requests, deliveries, jobs, the outbox and integrations.
import {
  IconBuildingHospital,
  IconBuildingWarehouse,
  IconCategory,
  IconEraser,
  IconFileSearch,
  IconListCheck,
  IconMailbox,
  IconPlugConnected,
  IconSend,
  IconStethoscope,
  IconUsersGroup,
} from '@tabler/icons-react';
import { index, type NavItem } from './entry';

export const ADMIN_NAV: NavItem[] = [
  {
    to: '/app/stores',
    label: 'stores',
    icon: IconBuildingWarehouse,
    anyOf: ['stores:manage'],
    pages: [index(() => import('../../features/stores/StoresPage'))],
  },
  {
    to: '/app/doctors',
    label: 'doctors',
    icon: IconStethoscope,
    anyOf: ['doctors:read'],
    pages: [index(() => import('../../features/doctors/DoctorsPage'))],
  },
  {
    to: '/app/staff',
    label: 'staff',
    icon: IconUsersGroup,
    anyOf: ['staff:read'],
    pages: [index(() => import('../../features/staff/StaffPage'))],
  },
  {
    to: '/app/departments',
    label: 'departments',
    icon: IconCategory,
    anyOf: ['departments:read'],
    pages: [index(() => import('../../features/departments/DepartmentsPage'))],
  },
  {
    to: '/app/hospitals',
    label: 'hospitals',
    icon: IconBuildingHospital,
    anyOf: ['hospitals:create', 'hospitals:update'],
    pages: [index(() => import('../../features/hospitals/HospitalsPage'))],
  },
  {
    to: '/app/audit',
    label: 'audit',
    icon: IconFileSearch,
    anyOf: ['audit:read'],
    pages: [index(() => import('../../features/audit/AuditLogPage'))],
  },
  {
    to: '/app/erasure-requests',
    label: 'erasureRequests',
    icon: IconEraser,
    anyOf: ['privacy:manage'],
    pages: [index(() => import('../../features/privacy/ErasureRequestsPage'))],
  },
  {
    to: '/app/deliveries',
    label: 'deliveries',
    icon: IconSend,
    anyOf: ['notifications:admin'],
    pages: [index(() => import('../../features/operations/DeliveriesPage'))],
  },
  {
    to: '/app/jobs',
    label: 'jobs',
    icon: IconListCheck,
    anyOf: ['jobs:manage'],
    pages: [index(() => import('../../features/operations/FailedJobsPage'))],
  },
  {
    to: '/app/outbox',
    label: 'outbox',
    icon: IconMailbox,
    anyOf: ['jobs:manage'],
    pages: [index(() => import('../../features/operations/OutboxPage'))],
  },
  {
    // The admins of a hospital and of the platform (the only roles that may change a hospital).
    to: '/app/integrations',
    label: 'integrations',
    icon: IconPlugConnected,
    anyOf: ['hospitals:update', 'system:manage'],
    pages: [index(() => import('../../features/integrations/IntegrationsPage'))],
  },
];
