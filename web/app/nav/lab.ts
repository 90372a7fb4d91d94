// The lab: its test catalog (orders, samples and results come next).
import { IconFlask } from '@tabler/icons-react';
import { index, type NavItem } from './entry';

export const LAB_NAV: NavItem[] = [
  {
    to: '/app/lab-tests',
    label: 'labTests',
    icon: IconFlask,
    anyOf: ['lab-tests:read'],
    pages: [index(() => import('../../features/lab/LabTestsPage'))],
  },
];
