import '@mantine/charts/styles.layer.css';
import { BarChart } from '@mantine/charts';
import { Table, Badge, Card, Title, Skeleton, Stack, VisuallyHidden, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentInsights } from '../../../contracts/scheduling';
import { LoadError } from '../../components/LoadError';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';

/**
 * The hospital admin's appointments: a bar per local day of the last 30 (visits that stood, and
 * those cancelled), and the latest bookings. Loaded on its own, after the dashboard.
 */
export default function AppointmentInsightsCard() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const insights = useQuery({
    queryKey: ['appointments', 'insights'],
    queryFn: ({ signal }) => get<AppointmentInsights>('/api/appointments/insights', undefined, signal),
    staleTime: 60_000,
  });
  const d = insights.data;
  const days = useMemo(() => {
    // Calendar days: no zone applies (the server counted them in the hospital's).
    const day = new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    return (d?.byDay ?? []).map((v) => ({
      day: day.format(new Date(`${v.day}T00:00:00Z`)),
      appointments: v.appointments,
      cancelled: v.cancelled,
    }));
  }, [d, i18n.language]);

  if (insights.isPending)
    return (
      <Card aria-busy="true">
        <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
        <Skeleton height={18} width="30%" mb="md" />
        <Skeleton height={220} />
      </Card>
    );
  if (insights.isError) return <LoadError error={insights.error} onRetry={() => void insights.refetch()} />;
  const total = d!.byDay.reduce((s, v) => s + v.appointments, 0);

  return (
    <Card data-testid="appointment-insights">
      <Stack gap="md">
        <div>
          <Title order={2} fz="h4">
            {t('dashboard.appointmentsChart')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="appointments-total">
            {t('dashboard.appointmentsChartSummary', { count: total })}
          </Text>
        </div>
        <BarChart
          h={220}
          data={days}
          dataKey="day"
          type="stacked"
          series={[
            { name: 'appointments', label: t('dashboard.seriesAppointments'), color: 'blue.6' },
            { name: 'cancelled', label: t('dashboard.seriesCancelled'), color: 'gray.5' },
          ]}
          valueFormatter={(v) => f.number(v)}
          xAxisProps={{ minTickGap: 24 }}
          yAxisProps={{ allowDecimals: false }}
          withLegend
        />
        <Title order={3} fz="sm">
          {t('dashboard.recentBookings')}
        </Title>
        {d!.recent.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dashboard.noBookings')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={300}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('patient.name')}</Table.Th>
                  <Table.Th visibleFrom="sm">{t('dashboard.doctor')}</Table.Th>
                  <Table.Th>{t('dashboard.when')}</Table.Th>
                  <Table.Th visibleFrom="xs">{t('dashboard.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d!.recent.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text size="sm">{a.patientName}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm">{a.doctorName}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{f.dateTime(a.startsAt)}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="xs">
                      <Badge variant="light" color={a.status === 'cancelled' ? 'gray' : 'blue'}>
                        {t(`appointments.status.${a.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
