// The lab: its worklist of orders and samples, and its test catalog (results come next).
import { IconFlask, IconTestPipe } from '@tabler/icons-react';
import { index, type NavItem } from './entry';

export const LAB_NAV: NavItem[] = [
  {
    to: '/app/lab-orders',
    label: 'labOrders',
    icon: IconTestPipe,
    anyOf: ['lab-orders:read'],
    pages: [
      index(() => import('../../features/lab/LabOrdersPage')),
      { path: 'new', anyOf: ['lab-orders:create'], load: () => import('../../features/lab/NewLabOrderPage') },
      { path: ':id', load: () => import('../../features/lab/LabOrderPage') },
    ],
  },
  {
    to: '/app/lab-tests',
    label: 'labTests',
    icon: IconFlask,
    anyOf: ['lab-tests:read'],
    pages: [index(() => import('../../features/lab/LabTestsPage'))],
  },
];
