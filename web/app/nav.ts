import { IconLayoutDashboard } from '@tabler/icons-react';
import { ADMIN_NAV } from './nav/admin';
import { BILLING_NAV } from './nav/billing';
import { CARE_NAV } from './nav/care';
import { index, type NavItem } from './nav/entry';
import { LAB_NAV } from './nav/lab';
import { PATIENT_NAV } from './nav/patient';
import { PHARMACY_NAV } from './nav/pharmacy';
import { STORE_NAV } from './nav/store';
import { WARDS_NAV } from './nav/wards';

export type { NavItem, NavPage, PageModule } from './nav/entry';

/**
 * The one table the menu, the route table (router.tsx) and the route guards are built from, so a
 * link is never shown for a page that would refuse its reader, a page never opens for someone its
 * link is hidden from, and a new screen is one entry in its area's file (nav/). The areas follow
 * one another here in the menu's order.
 */
export const NAV: NavItem[] = [
  {
    to: '/app',
    label: 'dashboard',
    icon: IconLayoutDashboard,
    end: true,
    pages: [index(() => import('../features/dashboard/DashboardPage'))],
  },
  ...PATIENT_NAV,
  ...CARE_NAV,
  ...BILLING_NAV,
  ...PHARMACY_NAV,
  ...WARDS_NAV,
  ...LAB_NAV,
  ...STORE_NAV,
  ...ADMIN_NAV,
];
