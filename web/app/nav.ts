import {
  IconAlertTriangle,
  IconBed,
  IconBedFlat,
  IconBuildingCommunity,
  IconClipboardHeart,
  IconCalendarEvent,
  IconCalendarPlus,
  IconCalendarTime,
  IconClipboardList,
  IconPill,
  IconReportMoney,
  IconBuildingHospital,
  IconBuildingWarehouse,
  IconBuildingFactory2,
  IconFileInvoice,
  IconShoppingCartPlus,
  IconTruckReturn,
  IconCashRegister,
  IconPrescription,
  IconBuildingStore,
  IconShoppingBag,
  IconTruckDelivery,
  IconCategory,
  IconCash,
  IconChartBar,
  IconReceipt,
  IconTags,
  IconFileSearch,
  IconMailbox,
  IconSend,
  IconHeartbeat,
  IconLayoutDashboard,
  IconListCheck,
  IconDeviceDesktop,
  IconListNumbers,
  IconNotes,
  IconStethoscope,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission } from '../../contracts/permissions';
import type { NavKey } from '../i18n';

/** A lazily loaded screen: each is its own chunk, fetched on first visit. */
export type PageModule = { default: ComponentType };

export interface NavPage {
  /** Under the entry's path; absent for its index page. */
  path?: string;
  /** A sub-page that needs more than its entry: one of these permissions as well. */
  anyOf?: Permission[];
  load: () => Promise<PageModule>;
}

export interface NavItem {
  to: string;
  label: NavKey;
  icon: Icon;
  /** Shown (and reachable) only with one of these permissions; none means everyone signed in. */
  anyOf?: Permission[];
  end?: boolean;
  /** The screens behind the entry: its index page and any sub-pages. */
  pages: NavPage[];
}

const index = (load: NavPage['load']): NavPage => ({ load });

/**
 * The one table the menu, the route table (router.tsx) and the route guards are built from, so a
 * link is never shown for a page that would refuse its reader, a page never opens for someone its
 * link is hidden from, and a new screen is one entry here.
 */
export const NAV: NavItem[] = [
  {
    to: '/app',
    label: 'dashboard',
    icon: IconLayoutDashboard,
    end: true,
    pages: [index(() => import('../features/dashboard/DashboardPage'))],
  },
  {
    to: '/app/my-record',
    label: 'myRecord',
    icon: IconHeartbeat,
    anyOf: ['own-record:read'],
    pages: [index(() => import('../features/patients/MyRecordPage'))],
  },
  {
    to: '/app/book',
    label: 'bookAppointment',
    icon: IconCalendarPlus,
    anyOf: ['appointments:book-own'],
    pages: [index(() => import('../features/appointments/BookPage'))],
  },
  {
    to: '/app/appointments',
    label: 'myAppointments',
    icon: IconCalendarEvent,
    anyOf: ['appointments:book-own'],
    pages: [index(() => import('../features/appointments/MyAppointmentsPage'))],
  },
  {
    to: '/app/my-visits',
    label: 'myVisits',
    icon: IconNotes,
    anyOf: ['own-record:read'],
    pages: [index(() => import('../features/consultations/MyVisitsPage'))],
  },
  {
    to: '/app/my-stays',
    label: 'myStays',
    icon: IconBedFlat,
    anyOf: ['own-record:read'],
    pages: [index(() => import('../features/my-stays/MyStaysPage'))],
  },
  {
    to: '/app/shop',
    label: 'shop',
    icon: IconBuildingStore,
    anyOf: ['shop:order'],
    pages: [
      index(() => import('../features/shop/ShopPage')),
      { path: 'cart', load: () => import('../features/shop/CartPage') },
    ],
  },
  {
    to: '/app/my-orders',
    label: 'myOrders',
    icon: IconShoppingBag,
    anyOf: ['shop:order'],
    pages: [
      index(() => import('../features/shop/MyOrdersPage')),
      { path: ':id', load: () => import('../features/shop/MyOrderPage') },
    ],
  },
  {
    to: '/app/my-bills',
    label: 'myBills',
    icon: IconReceipt,
    anyOf: ['invoices:read-own'],
    pages: [
      index(() => import('../features/my-bills/MyBillsPage')),
      { path: ':id', load: () => import('../features/my-bills/MyBillPage') },
    ],
  },
  {
    to: '/app/patients',
    label: 'patients',
    icon: IconUsers,
    anyOf: ['patients:read'],
    pages: [
      index(() => import('../features/patients/PatientsPage')),
      { path: 'new', load: () => import('../features/patients/RegisterPatientPage') },
      { path: ':id', load: () => import('../features/patients/PatientPage') },
    ],
  },
  {
    to: '/app/book-appointment',
    label: 'bookForPatient',
    icon: IconCalendarPlus,
    anyOf: ['appointments:book'],
    pages: [index(() => import('../features/appointments/BookForPatientPage'))],
  },
  {
    to: '/app/front-desk',
    label: 'frontDesk',
    icon: IconDeviceDesktop,
    anyOf: ['appointments:check-in'],
    pages: [index(() => import('../features/queue/FrontDeskPage'))],
  },
  {
    to: '/app/my-day',
    label: 'myDay',
    icon: IconListNumbers,
    anyOf: ['queue:call'],
    pages: [index(() => import('../features/queue/MyDayPage'))],
  },
  {
    to: '/app/consultations',
    label: 'consultations',
    icon: IconStethoscope,
    anyOf: ['consultations:write'],
    pages: [
      index(() => import('../features/consultations/StartConsultationPage')),
      { path: 'new', load: () => import('../features/consultations/NewConsultationPage') },
      { path: ':id', load: () => import('../features/consultations/ConsultationPage') },
    ],
  },
  {
    to: '/app/availability',
    label: 'availability',
    icon: IconCalendarTime,
    anyOf: ['availability:manage-own', 'availability:manage'],
    pages: [index(() => import('../features/availability/AvailabilityPage'))],
  },
  {
    to: '/app/invoices',
    label: 'invoices',
    icon: IconReceipt,
    anyOf: ['invoices:read', 'pharmacy-invoices:read'],
    pages: [
      index(() => import('../features/billing/InvoicesPage')),
      {
        path: 'new',
        anyOf: ['invoices:manage'],
        load: () => import('../features/billing/GenerateBillPage'),
      },
      { path: ':id', load: () => import('../features/billing/InvoicePage') },
    ],
  },
  {
    to: '/app/cash-closing',
    label: 'cashClosing',
    icon: IconCash,
    anyOf: ['cash-closing:manage'],
    pages: [index(() => import('../features/cashier/CashClosingPage'))],
  },
  {
    to: '/app/revenue',
    label: 'revenue',
    icon: IconChartBar,
    anyOf: ['billing-reports:read'],
    pages: [index(() => import('../features/cashier/RevenuePage'))],
  },
  {
    to: '/app/price-list',
    label: 'priceList',
    icon: IconTags,
    anyOf: ['price-list:manage'],
    pages: [index(() => import('../features/cashier/PriceListPage'))],
  },
  {
    to: '/app/prescriptions',
    label: 'prescriptions',
    icon: IconPrescription,
    anyOf: ['prescriptions:read'],
    pages: [
      index(() => import('../features/dispensing/PrescriptionsPage')),
      { path: 'new', load: () => import('../features/dispensing/EnterPrescriptionPage') },
      { path: ':id', load: () => import('../features/dispensing/PrescriptionPage') },
    ],
  },
  {
    to: '/app/counter-sale',
    label: 'counterSale',
    icon: IconCashRegister,
    anyOf: ['stock:dispense'],
    pages: [index(() => import('../features/dispensing/CounterSalePage'))],
  },
  {
    to: '/app/pharmacy-orders',
    label: 'pharmacyOrders',
    icon: IconTruckDelivery,
    anyOf: ['pharmacy-orders:manage'],
    pages: [
      index(() => import('../features/pharmacy-orders/PharmacyOrdersPage')),
      { path: ':id', load: () => import('../features/pharmacy-orders/PharmacyOrderPage') },
    ],
  },
  {
    to: '/app/beds',
    label: 'bedBoard',
    icon: IconBedFlat,
    anyOf: ['beds:read'],
    pages: [index(() => import('../features/wards/BedBoardPage'))],
  },
  {
    // The list and an admission are read with admissions:manage (every role with beds:read has it).
    to: '/app/admissions',
    label: 'admissions',
    icon: IconClipboardHeart,
    anyOf: ['admissions:manage'],
    pages: [
      index(() => import('../features/wards/AdmissionsPage')),
      { path: ':id', load: () => import('../features/wards/AdmissionPage') },
    ],
  },
  {
    to: '/app/wards-setup',
    label: 'wardsSetup',
    icon: IconBuildingCommunity,
    anyOf: ['wards:manage'],
    pages: [index(() => import('../features/wards/WardSetupPage'))],
  },
  {
    to: '/app/ward-requests',
    label: 'wardRequests',
    icon: IconBed,
    anyOf: ['ward-requests:read'],
    pages: [
      index(() => import('../features/ward/WardRequestsPage')),
      {
        path: 'new',
        anyOf: ['ward-requests:create'],
        load: () => import('../features/ward/NewWardRequestPage'),
      },
      { path: ':id', load: () => import('../features/ward/WardRequestPage') },
    ],
  },
  {
    to: '/app/inventory',
    label: 'inventory',
    icon: IconPill,
    anyOf: ['medicines:read'],
    pages: [
      index(() => import('../features/inventory/InventoryPage')),
      {
        path: 'new',
        anyOf: ['medicines:manage'],
        load: () => import('../features/inventory/AddMedicinePage'),
      },
      {
        path: 'receive',
        anyOf: ['stock:manage'],
        load: () => import('../features/inventory/ReceiveStockPage'),
      },
      { path: ':id', load: () => import('../features/inventory/MedicinePage') },
    ],
  },
  {
    to: '/app/stock-alerts',
    label: 'stockAlerts',
    icon: IconAlertTriangle,
    anyOf: ['stock:read'],
    pages: [index(() => import('../features/stock/StockAlertsPage'))],
  },
  {
    to: '/app/stock-takes',
    label: 'stockTakes',
    icon: IconClipboardList,
    anyOf: ['stock:manage'],
    pages: [
      index(() => import('../features/stock/StockTakesPage')),
      { path: ':id', load: () => import('../features/stock/StockTakePage') },
    ],
  },
  {
    to: '/app/stock-valuation',
    label: 'stockValuation',
    icon: IconReportMoney,
    anyOf: ['stock:value'],
    pages: [index(() => import('../features/stock/StockValuationPage'))],
  },
  {
    to: '/app/reorder-suggestions',
    label: 'reorderSuggestions',
    icon: IconShoppingCartPlus,
    anyOf: ['purchase-orders:manage'],
    pages: [index(() => import('../features/procurement/ReorderSuggestionsPage'))],
  },
  {
    to: '/app/purchase-orders',
    label: 'purchaseOrders',
    icon: IconFileInvoice,
    anyOf: ['purchase-orders:read'],
    pages: [
      index(() => import('../features/procurement/PurchaseOrdersPage')),
      {
        path: 'new',
        anyOf: ['purchase-orders:manage'],
        load: () => import('../features/procurement/NewPurchaseOrderPage'),
      },
      { path: ':id', load: () => import('../features/procurement/PurchaseOrderPage') },
      {
        path: ':id/receive',
        anyOf: ['goods:receive'],
        load: () => import('../features/procurement/ReceiveGoodsPage'),
      },
    ],
  },
  {
    to: '/app/suppliers',
    label: 'suppliers',
    icon: IconBuildingFactory2,
    anyOf: ['suppliers:read'],
    pages: [
      index(() => import('../features/procurement/SuppliersPage')),
      { path: ':id', load: () => import('../features/procurement/SupplierPage') },
    ],
  },
  {
    to: '/app/supplier-returns',
    label: 'supplierReturns',
    icon: IconTruckReturn,
    anyOf: ['purchase-orders:read'],
    pages: [
      index(() => import('../features/procurement/SupplierReturnsPage')),
      {
        path: 'new',
        anyOf: ['goods:receive'],
        load: () => import('../features/procurement/NewSupplierReturnPage'),
      },
    ],
  },
  {
    to: '/app/stores',
    label: 'stores',
    icon: IconBuildingWarehouse,
    anyOf: ['stores:manage'],
    pages: [index(() => import('../features/stores/StoresPage'))],
  },
  {
    to: '/app/doctors',
    label: 'doctors',
    icon: IconStethoscope,
    anyOf: ['doctors:read'],
    pages: [index(() => import('../features/doctors/DoctorsPage'))],
  },
  {
    to: '/app/staff',
    label: 'staff',
    icon: IconUsersGroup,
    anyOf: ['staff:read'],
    pages: [index(() => import('../features/staff/StaffPage'))],
  },
  {
    to: '/app/departments',
    label: 'departments',
    icon: IconCategory,
    anyOf: ['departments:read'],
    pages: [index(() => import('../features/departments/DepartmentsPage'))],
  },
  {
    to: '/app/hospitals',
    label: 'hospitals',
    icon: IconBuildingHospital,
    anyOf: ['hospitals:create', 'hospitals:update'],
    pages: [index(() => import('../features/hospitals/HospitalsPage'))],
  },
  {
    to: '/app/audit',
    label: 'audit',
    icon: IconFileSearch,
    anyOf: ['audit:read'],
    pages: [index(() => import('../features/audit/AuditLogPage'))],
  },
  {
    to: '/app/deliveries',
    label: 'deliveries',
    icon: IconSend,
    anyOf: ['notifications:admin'],
    pages: [index(() => import('../features/operations/DeliveriesPage'))],
  },
  {
    to: '/app/jobs',
    label: 'jobs',
    icon: IconListCheck,
    anyOf: ['jobs:manage'],
    pages: [index(() => import('../features/operations/FailedJobsPage'))],
  },
  {
    to: '/app/outbox',
    label: 'outbox',
    icon: IconMailbox,
    anyOf: ['jobs:manage'],
    pages: [index(() => import('../features/operations/OutboxPage'))],
  },
];
