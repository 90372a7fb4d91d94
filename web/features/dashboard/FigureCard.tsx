import { Anchor, Card, Group, Text, ThemeIcon } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardCard, DashboardCardKey } from '../../../contracts/dashboard';
import { MONEY_CARDS } from '../../../contracts/dashboard-cards';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import type { Permission } from '../../../contracts/permissions';

/** Where a figure's card leads, for people allowed to go there. */
const LINKS: Partial<Record<DashboardCardKey, { to: string; anyOf: Permission[] }>> = {
  patients: { to: '/app/patients', anyOf: ['patients:read'] },
  registrationsToday: { to: '/app/patients', anyOf: ['patients:read'] },
  doctorsApproved: { to: '/app/doctors', anyOf: ['doctors:read'] },
  doctorsPending: { to: '/app/doctors?status=pending', anyOf: ['doctors:approve'] },
  staff: { to: '/app/staff', anyOf: ['staff:read'] },
  departments: { to: '/app/departments', anyOf: ['departments:read'] },
  hospitals: { to: '/app/hospitals', anyOf: ['hospitals:create'] },
  lowStockItems: { to: '/app/stock-alerts', anyOf: ['stock:read'] },
  expiringBatches: { to: '/app/stock-alerts', anyOf: ['stock:read'] },
  inventoryItems: { to: '/app/inventory', anyOf: ['medicines:read'] },
  pendingPharmacyOrders: { to: '/app/pharmacy-orders', anyOf: ['pharmacy-orders:manage'] },
  // Orders waiting for a sample or for their results: the worklist's default, "To do".
  pendingLabOrders: { to: '/app/lab-orders', anyOf: ['lab-orders:read'] },
  recentPrescriptions: { to: '/app/prescriptions', anyOf: ['prescriptions:read'] },
  appointmentsToday: { to: '/app/front-desk', anyOf: ['appointments:check-in'] },
  queueWaiting: { to: '/app/front-desk', anyOf: ['appointments:check-in'] },
  upcomingAppointments: { to: '/app/appointments', anyOf: ['appointments:book-own'] },
  pendingReviews: { to: '/app/my-day', anyOf: ['queue:call'] },
  openPurchaseOrders: { to: '/app/purchase-orders', anyOf: ['purchase-orders:read'] },
  purchaseOrdersAwaitingApproval: {
    to: '/app/purchase-orders?status=submitted',
    anyOf: ['purchase-orders:read'],
  },
  deliveriesDue: { to: '/app/purchase-orders', anyOf: ['purchase-orders:read'] },
  revenueToday: { to: '/app/revenue', anyOf: ['billing-reports:read'] },
  unpaidBills: { to: '/app/invoices?unpaid=true', anyOf: ['invoices:read'] },
  pharmacySalesToday: { to: '/app/invoices', anyOf: ['pharmacy-invoices:read'] },
  bedsOccupied: { to: '/app/beds', anyOf: ['beds:read'] },
  bedsFree: { to: '/app/beds', anyOf: ['beds:read'] },
};

/** One dashboard figure, or a plain note that the module behind it has not been built yet. */
export function FigureCard({ card, currency }: { card: DashboardCard; currency?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const link = LINKS[card.key];
  const label = t(`dashboard.cards.${card.key}`);
  return (
    <Card data-testid={`card-${card.key}`} aria-label={label}>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      {card.available ? (
        <Group justify="space-between" align="flex-end" mt={6}>
          <Text fz={32} fw={700} lh={1} data-testid="figure">
            {MONEY_CARDS.has(card.key) && currency ? f.money(card.value, currency) : f.number(card.value)}
          </Text>
          {link && can(...link.anyOf) && (
            <Anchor
              component={Link}
              to={link.to}
              size="sm"
              aria-label={t('dashboard.openCard', { card: label })}
            >
              {t('dashboard.open')}
            </Anchor>
          )}
        </Group>
      ) : (
        <Group gap="xs" mt="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" color="gray" size="sm" aria-hidden>
            <IconClockHour4 size={14} />
          </ThemeIcon>
          <Text size="sm" c="dimmed">
            {t('dashboard.arrivesWith', { module: t(`modules.${card.module}`) })}
          </Text>
        </Group>
      )}
    </Card>
  );
}
