// The store and procurement: medicines and stock, stock takes and value, reordering, purchase orders, suppliers and returns.
import {
  IconAlertTriangle,
  IconBuildingFactory2,
  IconClipboardList,
  IconFileInvoice,
  IconPill,
  IconReportMoney,
  IconShoppingCartPlus,
  IconTruckReturn,
} from '@tabler/icons-react';
import { index, type NavItem } from './entry';

export const STORE_NAV: NavItem[] = [
  {
    to: '/app/inventory',
    label: 'inventory',
    icon: IconPill,
    anyOf: ['medicines:read'],
    pages: [
      index(() => import('../../features/inventory/InventoryPage')),
      {
        path: 'new',
        anyOf: ['medicines:manage'],
        load: () => import('../../features/inventory/AddMedicinePage'),
      },
      {
        path: 'receive',
        anyOf: ['stock:manage'],
        load: () => import('../../features/inventory/ReceiveStockPage'),
      },
      { path: ':id', load: () => import('../../features/inventory/MedicinePage') },
    ],
  },
  {
    to: '/app/stock-alerts',
    label: 'stockAlerts',
    icon: IconAlertTriangle,
    anyOf: ['stock:read'],
    pages: [index(() => import('../../features/stock/StockAlertsPage'))],
  },
  {
    to: '/app/stock-takes',
    label: 'stockTakes',
    icon: IconClipboardList,
    anyOf: ['stock:manage'],
    pages: [
      index(() => import('../../features/stock/StockTakesPage')),
      { path: ':id', load: () => import('../../features/stock/StockTakePage') },
    ],
  },
  {
    to: '/app/stock-valuation',
    label: 'stockValuation',
    icon: IconReportMoney,
    anyOf: ['stock:value'],
    pages: [index(() => import('../../features/stock/StockValuationPage'))],
  },
  {
    to: '/app/reorder-suggestions',
    label: 'reorderSuggestions',
    icon: IconShoppingCartPlus,
    anyOf: ['purchase-orders:manage'],
    pages: [index(() => import('../../features/procurement/ReorderSuggestionsPage'))],
  },
  {
    to: '/app/purchase-orders',
    label: 'purchaseOrders',
    icon: IconFileInvoice,
    anyOf: ['purchase-orders:read'],
    pages: [
      index(() => import('../../features/procurement/PurchaseOrdersPage')),
      {
        path: 'new',
        anyOf: ['purchase-orders:manage'],
        load: () => import('../../features/procurement/NewPurchaseOrderPage'),
      },
      { path: ':id', load: () => import('../../features/procurement/PurchaseOrderPage') },
      {
        path: ':id/receive',
        anyOf: ['goods:receive'],
        load: () => import('../../features/procurement/ReceiveGoodsPage'),
      },
    ],
  },
  {
    to: '/app/suppliers',
    label: 'suppliers',
    icon: IconBuildingFactory2,
    anyOf: ['suppliers:read'],
    pages: [
      index(() => import('../../features/procurement/SuppliersPage')),
      { path: ':id', load: () => import('../../features/procurement/SupplierPage') },
    ],
  },
  {
    to: '/app/supplier-returns',
    label: 'supplierReturns',
    icon: IconTruckReturn,
    anyOf: ['purchase-orders:read'],
    pages: [
      index(() => import('../../features/procurement/SupplierReturnsPage')),
      {
        path: 'new',
        anyOf: ['goods:receive'],
        load: () => import('../../features/procurement/NewSupplierReturnPage'),
      },
    ],
  },
];
