import '@mantine/charts/styles.layer.css';
import { AreaChart } from '@mantine/charts';
import {
  Table,
  Anchor,
  Card,
  Group,
  Title,
  SimpleGrid,
  Skeleton,
  Stack,
  VisuallyHidden,
  Text,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OccupancyReport } from '../../../contracts/ward-occupancy';
import { LoadError } from '../../components/LoadError';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';

/**
 * The wards at a glance for the hospital admin and the nurse: beds by state in each ward, and the
 * patients in a bed at each midnight of the last 30 days against the beds there were. Loaded on its
 * own, after the dashboard.
 */
export default function WardOccupancyCard() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const report = useQuery({
    queryKey: ['wards', 'occupancy'],
    queryFn: ({ signal }) => get<OccupancyReport>('/api/wards/occupancy', undefined, signal),
    staleTime: 60_000,
  });
  const d = report.data;
  const days = useMemo(() => {
    // Calendar days: no zone applies (the server took each census in the hospital's).
    const label = new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    return (d?.days ?? []).map((x) => ({
      day: label.format(new Date(`${x.day}T00:00:00Z`)),
      occupied: x.occupied,
      beds: x.beds,
    }));
  }, [d, i18n.language]);

  if (report.isPending)
    return (
      <Card aria-busy="true">
        <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
        <Skeleton height={18} width="30%" mb="md" />
        <Skeleton height={220} />
      </Card>
    );
  if (report.isError) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  const wards = d!.wards;
  const beds = wards.reduce((n, w) => n + w.beds, 0);
  const occupied = wards.reduce((n, w) => n + w.occupied, 0);

  return (
    <Card data-testid="ward-occupancy">
      <Group justify="space-between" mb="xs" align="flex-start">
        <Title order={2} fz="h4">
          {t('dashboard.occupancy.title')}
        </Title>
        <Anchor component={Link} to="/app/beds" size="sm">
          {t('dashboard.occupancy.board')}
        </Anchor>
      </Group>
      {beds === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dashboard.occupancy.noBeds')}
        </Text>
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed" data-testid="occupancy-summary">
            {t('dashboard.occupancy.summary', {
              occupied: f.number(occupied),
              beds: f.number(beds),
              percent: f.number(Math.round((occupied / beds) * 100)),
              admitted: f.number(d!.admittedToday),
              discharged: f.number(d!.dischargedToday),
            })}
            {d!.averageStayDays !== null &&
              ` ${t('dashboard.occupancy.averageStay', { days: f.number(d!.averageStayDays) })}`}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
            <Stack gap="xs">
              <Title order={3} fz="sm">
                {t('dashboard.occupancy.chartTitle')}
              </Title>
              <AreaChart
                h={220}
                data={days}
                dataKey="day"
                series={[
                  { name: 'beds', label: t('dashboard.occupancy.bedsSeries'), color: 'gray.4' },
                  { name: 'occupied', label: t('dashboard.occupancy.occupiedSeries'), color: 'indigo.6' },
                ]}
                curveType="step"
                withDots={false}
                withLegend
                valueFormatter={(v) => f.number(v)}
                yAxisProps={{ width: 36, allowDecimals: false }}
                xAxisProps={{ minTickGap: 24 }}
              />
            </Stack>
            <Stack gap={4}>
              <Table.ScrollContainer minWidth={0}>
                <Table striped fz="sm" aria-label={t('dashboard.occupancy.tableLabel')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('dashboard.occupancy.ward')}</Table.Th>
                      <Table.Th ta="right">{t('dashboard.occupancy.occupied')}</Table.Th>
                      <Table.Th ta="right">{t('dashboard.occupancy.free')}</Table.Th>
                      <Table.Th ta="right">{t('dashboard.occupancy.notReady')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {wards.map((w) => (
                      <Table.Tr key={w.wardId}>
                        <Table.Td>{w.name}</Table.Td>
                        <Table.Td ta="right">
                          {t('dashboard.occupancy.ofBeds', { n: f.number(w.occupied), of: f.number(w.beds) })}
                        </Table.Td>
                        <Table.Td ta="right">{f.number(w.available)}</Table.Td>
                        <Table.Td ta="right">{f.number(w.reserved + w.cleaning + w.maintenance)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Text size="xs" c="dimmed">
                {t('dashboard.occupancy.notReadyNote')}
              </Text>
            </Stack>
          </SimpleGrid>
        </Stack>
      )}
    </Card>
  );
}
