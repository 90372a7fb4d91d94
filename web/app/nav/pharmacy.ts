// The pharmacy counter: prescriptions to dispense, counter sales and orders from the shop.
import { IconCashRegister, IconPrescription, IconTruckDelivery } from '@tabler/icons-react';
import { index, type NavItem } from './entry';

export const PHARMACY_NAV: NavItem[] = [
  {
    to: '/app/prescriptions',
    label: 'prescriptions',
    icon: IconPrescription,
    anyOf: ['prescriptions:read'],
    pages: [
      index(() => import('../../features/dispensing/PrescriptionsPage')),
      { path: 'new', load: () => import('../../features/dispensing/EnterPrescriptionPage') },
      { path: ':id', load: () => import('../../features/dispensing/PrescriptionPage') },
    ],
  },
  {
    to: '/app/counter-sale',
    label: 'counterSale',
    icon: IconCashRegister,
    anyOf: ['stock:dispense'],
    pages: [index(() => import('../../features/dispensing/CounterSalePage'))],
  },
  {
    to: '/app/pharmacy-orders',
    label: 'pharmacyOrders',
    icon: IconTruckDelivery,
    anyOf: ['pharmacy-orders:manage'],
    pages: [
      index(() => import('../../features/pharmacy-orders/PharmacyOrdersPage')),
      { path: ':id', load: () => import('../../features/pharmacy-orders/PharmacyOrderPage') },
    ],
  },
];
