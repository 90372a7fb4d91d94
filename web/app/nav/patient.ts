// What a patient uses: their record, bookings, visits, stays, lab reports, shop orders, bills and privacy.
import {
  IconBedFlat,
  IconBuildingStore,
  IconCalendarEvent,
  IconCalendarPlus,
  IconHeartbeat,
  IconNotes,
  IconReceipt,
  IconReportMedical,
  IconShieldLock,
  IconShoppingBag,
} from '@tabler/icons-react';
import { index, type NavItem } from './entry';

export const PATIENT_NAV: NavItem[] = [
  {
    to: '/app/my-record',
    label: 'myRecord',
    icon: IconHeartbeat,
    anyOf: ['own-record:read'],
    pages: [index(() => import('../../features/patients/MyRecordPage'))],
  },
  {
    to: '/app/book',
    label: 'bookAppointment',
    icon: IconCalendarPlus,
    anyOf: ['appointments:book-own'],
    pages: [index(() => import('../../features/appointments/BookPage'))],
  },
  {
    to: '/app/appointments',
    label: 'myAppointments',
    icon: IconCalendarEvent,
    anyOf: ['appointments:book-own'],
    pages: [index(() => import('../../features/appointments/MyAppointmentsPage'))],
  },
  {
    to: '/app/my-visits',
    label: 'myVisits',
    icon: IconNotes,
    anyOf: ['own-record:read'],
    pages: [index(() => import('../../features/consultations/MyVisitsPage'))],
  },
  {
    to: '/app/my-stays',
    label: 'myStays',
    icon: IconBedFlat,
    anyOf: ['own-record:read'],
    pages: [index(() => import('../../features/my-stays/MyStaysPage'))],
  },
  {
    to: '/app/my-lab-reports',
    label: 'myLabReports',
    icon: IconReportMedical,
    anyOf: ['own-record:read'],
    pages: [
      index(() => import('../../features/my-lab-reports/MyLabReportsPage')),
      { path: ':id', load: () => import('../../features/my-lab-reports/MyLabReportPage') },
    ],
  },
  {
    to: '/app/shop',
    label: 'shop',
    icon: IconBuildingStore,
    anyOf: ['shop:order'],
    pages: [
      index(() => import('../../features/shop/ShopPage')),
      { path: 'cart', load: () => import('../../features/shop/CartPage') },
    ],
  },
  {
    to: '/app/my-orders',
    label: 'myOrders',
    icon: IconShoppingBag,
    anyOf: ['shop:order'],
    pages: [
      index(() => import('../../features/shop/MyOrdersPage')),
      { path: ':id', load: () => import('../../features/shop/MyOrderPage') },
    ],
  },
  {
    to: '/app/my-bills',
    label: 'myBills',
    icon: IconReceipt,
    anyOf: ['invoices:read-own'],
    pages: [
      index(() => import('../../features/my-bills/MyBillsPage')),
      { path: ':id', load: () => import('../../features/my-bills/MyBillPage') },
    ],
  },
  {
    // Consents, the export of all their data and a request for erasure (product §17).
    to: '/app/privacy',
    label: 'privacy',
    icon: IconShieldLock,
    anyOf: ['own-record:read'],
    pages: [index(() => import('../../features/privacy/PrivacyPage'))],
  },
];
