// Wards: the bed board, admissions, ward set-up and requests to the store.
import { IconBed, IconBedFlat, IconBuildingCommunity, IconClipboardHeart } from '@tabler/icons-react';
import { index, type NavItem } from './entry';

export const WARDS_NAV: NavItem[] = [
  {
    to: '/app/beds',
    label: 'bedBoard',
    icon: IconBedFlat,
    anyOf: ['beds:read'],
    pages: [index(() => import('../../features/wards/BedBoardPage'))],
  },
  {
    // The list and an admission are read with admissions:manage (every role with beds:read has it).
    to: '/app/admissions',
    label: 'admissions',
    icon: IconClipboardHeart,
    anyOf: ['admissions:manage'],
    pages: [
      index(() => import('../../features/wards/AdmissionsPage')),
      { path: ':id', load: () => import('../../features/wards/AdmissionPage') },
    ],
  },
  {
    to: '/app/wards-setup',
    label: 'wardsSetup',
    icon: IconBuildingCommunity,
    anyOf: ['wards:manage'],
    pages: [index(() => import('../../features/wards/WardSetupPage'))],
  },
  {
    to: '/app/ward-requests',
    label: 'wardRequests',
    icon: IconBed,
    anyOf: ['ward-requests:read'],
    pages: [
      index(() => import('../../features/ward/WardRequestsPage')),
      {
        path: 'new',
        anyOf: ['ward-requests:create'],
        load: () => import('../../features/ward/NewWardRequestPage'),
      },
      { path: ':id', load: () => import('../../features/ward/WardRequestPage') },
    ],
  },
];
