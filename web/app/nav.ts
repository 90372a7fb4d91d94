import {
  IconBuildingHospital,
  IconCategory,
  IconFileSearch,
  IconMailbox,
  IconSend,
  IconHeartbeat,
  IconLayoutDashboard,
  IconListCheck,
  IconStethoscope,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import type { Permission } from '../../contracts/permissions';
import type { NavKey } from '../i18n';

export interface NavItem {
  to: string;
  label: NavKey;
  icon: Icon;
  /** Shown (and reachable) only with one of these permissions; none means everyone signed in. */
  anyOf?: Permission[];
  end?: boolean;
}

/**
 * The single list both the navigation and the route guards read, so a link is never shown for a
 * page that would refuse its reader, and a page never opens for someone its link is hidden from.
 */
export const NAV: NavItem[] = [
  { to: '/app', label: 'dashboard', icon: IconLayoutDashboard, end: true },
  { to: '/app/my-record', label: 'myRecord', icon: IconHeartbeat, anyOf: ['own-record:read'] },
  { to: '/app/patients', label: 'patients', icon: IconUsers, anyOf: ['patients:read'] },
  { to: '/app/doctors', label: 'doctors', icon: IconStethoscope, anyOf: ['doctors:read'] },
  { to: '/app/staff', label: 'staff', icon: IconUsersGroup, anyOf: ['staff:read'] },
  { to: '/app/departments', label: 'departments', icon: IconCategory, anyOf: ['departments:read'] },
  {
    to: '/app/hospitals',
    label: 'hospitals',
    icon: IconBuildingHospital,
    anyOf: ['hospitals:create', 'hospitals:update'],
  },
  { to: '/app/audit', label: 'audit', icon: IconFileSearch, anyOf: ['audit:read'] },
  { to: '/app/deliveries', label: 'deliveries', icon: IconSend, anyOf: ['notifications:admin'] },
  { to: '/app/jobs', label: 'jobs', icon: IconListCheck, anyOf: ['jobs:manage'] },
  { to: '/app/outbox', label: 'outbox', icon: IconMailbox, anyOf: ['jobs:manage'] },
];

/** The permissions a page under /app needs, by its first path segment after /app. */
export function permissionsFor(path: string): Permission[] | undefined {
  return NAV.find((n) => n.to === path)?.anyOf;
}
