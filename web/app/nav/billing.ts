// Billing: invoices, closing the cash, revenue and the price list.
import { IconCash, IconChartBar, IconReceipt, IconTags } from '@tabler/icons-react';
import { index, type NavItem } from './entry';

export const BILLING_NAV: NavItem[] = [
  {
    to: '/app/invoices',
    label: 'invoices',
    icon: IconReceipt,
    anyOf: ['invoices:read', 'pharmacy-invoices:read'],
    pages: [
      index(() => import('../../features/billing/InvoicesPage')),
      {
        path: 'new',
        anyOf: ['invoices:manage'],
        load: () => import('../../features/billing/GenerateBillPage'),
      },
      { path: ':id', load: () => import('../../features/billing/InvoicePage') },
    ],
  },
  {
    to: '/app/cash-closing',
    label: 'cashClosing',
    icon: IconCash,
    anyOf: ['cash-closing:manage'],
    pages: [index(() => import('../../features/cashier/CashClosingPage'))],
  },
  {
    to: '/app/revenue',
    label: 'revenue',
    icon: IconChartBar,
    anyOf: ['billing-reports:read'],
    pages: [index(() => import('../../features/cashier/RevenuePage'))],
  },
  {
    to: '/app/price-list',
    label: 'priceList',
    icon: IconTags,
    anyOf: ['price-list:manage'],
    pages: [index(() => import('../../features/cashier/PriceListPage'))],
  },
];
