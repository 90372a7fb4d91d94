import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title, EmptyState } from '@mantine/core';
import { IconUserQuestion } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '../../../contracts/dashboard';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { CardsSkeleton } from '../../components/Skeletons';
import { FigureCard } from './FigureCard';
import { OwnRecordCard } from './OwnRecordCard';

// The charts library is large: its chunk loads after the dashboard, for people who see stock.
const StockInsightsCard = lazy(() => import('./StockInsightsCard'));
// The hospital admin's appointment chart, loaded the same way.
const AppointmentInsightsCard = lazy(() => import('./AppointmentInsightsCard'));
// Spend by month, for the procurement officer and the hospital admin, loaded the same way.
const ProcurementSpendCard = lazy(() => import('./ProcurementSpendCard'));
// The wards' card for the people who run them: the hospital admin and the nurse.
const WardOccupancyCard = lazy(() => import('./WardOccupancyCard'));

/** Each person's home: live figures for their roles, their record if they are a patient. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { me, activeHospital } = useSession();
  const dashboard = useQuery({
    queryKey: ['dashboard'],
    queryFn: ({ signal }) => get<Dashboard>('/api/dashboard', undefined, signal),
    refetchInterval: 60_000,
  });
  const d = dashboard.data;
  const roleNames = me.roles.map((r) => t(`roles.${r}`)).join(', ');

  return (
    <>
      <PageHeader
        title={t('dashboard.greeting', { name: me.user.fullName.split(/\s+/)[0] })}
        description={[activeHospital?.name, roleNames].filter(Boolean).join(' · ')}
      />
      {dashboard.isPending && <CardsSkeleton />}
      {dashboard.isError && <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {d && <DashboardBody d={d} />}
    </>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  return (
    <Stack gap="xl">
      {/* A patient's own record comes first: it is what they came for. */}
      {d.ownRecord && <OwnRecordCard record={d.ownRecord} />}

      {d.cards.length > 0 && (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} data-testid="dashboard-cards">
          {d.cards.map((c) => (
            <FigureCard key={c.key} card={c} currency={d.hospital?.currency} />
          ))}
        </SimpleGrid>
      )}

      {d.roles.some((r) => r === 'nurse' || r === 'hospital_admin') && can('beds:read') && d.hospital && (
        <Suspense fallback={<CardsSkeleton count={1} />}>
          <WardOccupancyCard />
        </Suspense>
      )}

      {d.roles.includes('hospital_admin') && can('appointments:read') && d.hospital && (
        <Suspense fallback={<CardsSkeleton count={1} />}>
          <AppointmentInsightsCard />
        </Suspense>
      )}

      {d.roles.some((r) => r === 'procurement_officer' || r === 'hospital_admin') &&
        can('purchase-orders:read') &&
        d.hospital && (
          <Suspense fallback={<CardsSkeleton count={1} />}>
            <ProcurementSpendCard />
          </Suspense>
        )}

      {can('stock:value') && d.hospital && (
        <Suspense fallback={<CardsSkeleton count={1} />}>
          <StockInsightsCard />
        </Suspense>
      )}

      {d.recentRegistrations && (
        <Card>
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="h4">
              {t('dashboard.recentRegistrations')}
            </Title>
            <Anchor component={Link} to="/app/patients" size="sm">
              {t('dashboard.allPatients')}
            </Anchor>
          </Group>
          {d.recentRegistrations.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dashboard.noRegistrations')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={300}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('patient.name')}</Table.Th>
                    <Table.Th>{t('patient.mrn')}</Table.Th>
                    <Table.Th visibleFrom="sm">{t('patient.registeredAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.recentRegistrations.map((r) => (
                    <Table.Tr key={r.patientId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/app/patients/${r.patientId}`} size="sm">
                          {r.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {r.mrn}
                        </Text>
                      </Table.Td>
                      <Table.Td visibleFrom="sm">
                        <Text size="sm">{f.dateTime(r.registeredAt)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      )}

      {/* Approved applications are the doctor's roles now; the card is for ones still open or refused. */}
      {d.doctorApplications.some((a) => a.status !== 'approved') && (
        <Card>
          <Title order={2} fz="h4" mb="sm">
            {t('dashboard.applications')}
          </Title>
          <Stack gap="sm">
            {d.doctorApplications.map((a) => (
              <Group key={a.hospitalId} justify="space-between" wrap="wrap" gap="xs">
                <div>
                  <Text fw={500}>{a.hospitalName}</Text>
                  <Text size="sm" c="dimmed">
                    {a.specialty} · {t('dashboard.submitted', { date: f.day(a.submittedAt) })}
                  </Text>
                  {a.status === 'rejected' && a.rejectionReason && (
                    <Text size="sm" mt={4}>
                      {t('dashboard.rejectionReason', { reason: a.rejectionReason })}
                    </Text>
                  )}
                </div>
                <Badge
                  color={a.status === 'approved' ? 'teal' : a.status === 'rejected' ? 'red' : 'yellow'}
                  variant="light"
                >
                  {t(`doctorStatus.${a.status}`)}
                </Badge>
              </Group>
            ))}
            {d.doctorApplications.some((a) => a.status === 'pending') && (
              <Text size="sm" c="dimmed">
                {t('dashboard.pendingNote')}
              </Text>
            )}
          </Stack>
        </Card>
      )}

      {d.cards.length === 0 && !d.ownRecord && !d.doctorApplications.some((a) => a.status !== 'approved') && (
        <EmptyState
          icon={<IconUserQuestion size={28} aria-hidden />}
          withIndicatorBackground
          title={t('dashboard.noRoleTitle')}
          description={t('dashboard.noRoleBody')}
        />
      )}
      <Text size="xs" c="dimmed" data-testid="dashboard-updated">
        {t('dashboard.updated', {
          time: f.dateTime(d.generatedAt),
          zone: f.zoneName(new Date(d.generatedAt)),
        })}
      </Text>
    </Stack>
  );
}
