import '@mantine/charts/styles.layer.css';
import { AreaChart, BarChart } from '@mantine/charts';
import { Anchor, Card, Group, Title, SimpleGrid, Skeleton, Stack, VisuallyHidden, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StockInsights } from '../../../contracts/stock-control';
import { LoadError } from '../../components/LoadError';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { toMajor } from '../../lib/money';

/** A medicine's name cut to fit the chart's axis, at a word where there is one ("Paracetamol 650 mg…"). */
function shorten(name: string, max = 22): string {
  if (name.length <= max) return name;
  const cut = name.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * The pharmacist's two charts: what the stock on the shelves was worth at the end of each of the
 * last 30 days, and the medicines that went out most. Loaded on its own, after the dashboard.
 */
export default function StockInsightsCard() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const insights = useQuery({
    queryKey: ['stock', 'insights'],
    queryFn: ({ signal }) => get<StockInsights>('/api/stock/insights', undefined, signal),
    staleTime: 5 * 60_000,
  });
  const d = insights.data;
  const compact = useMemo(
    () =>
      d
        ? new Intl.NumberFormat(i18n.language, {
            style: 'currency',
            currency: d.currency,
            notation: 'compact',
          })
        : null,
    [d, i18n.language],
  );
  const values = useMemo(() => {
    // Calendar days: no zone applies (the server already counted them in the hospital's).
    const day = new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    return (d?.valueByDay ?? []).map((v) => ({
      day: day.format(new Date(`${v.day}T00:00:00Z`)),
      value: toMajor(v.valueMinor, d!.currency),
    }));
  }, [d, i18n.language]);
  const top = useMemo(
    () => (d?.topMedicines ?? []).map((m) => ({ name: shorten(m.medicineName), quantity: m.quantity })),
    [d],
  );

  if (insights.isPending)
    return (
      <Card aria-busy="true">
        <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
        <Skeleton height={18} width="30%" mb="md" />
        <Skeleton height={220} />
      </Card>
    );
  if (insights.isError) return <LoadError error={insights.error} onRetry={() => void insights.refetch()} />;
  const first = d!.valueByDay[0];
  const last = d!.valueByDay[d!.valueByDay.length - 1];

  return (
    <Card data-testid="stock-insights">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h4">
          {t('stockInsights.title')}
        </Title>
        <Anchor component={Link} to="/app/stock-valuation" size="sm">
          {t('stockInsights.valuation')}
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack gap="xs">
          <Title order={3} fz="sm">
            {t('stockInsights.valueTitle')}
          </Title>
          {last && (
            <Text size="sm" c="dimmed" data-testid="stock-value-summary">
              {t('stockInsights.valueSummary', {
                now: f.money(last.valueMinor, d!.currency),
                then: f.money(first!.valueMinor, d!.currency),
              })}
            </Text>
          )}
          <AreaChart
            h={220}
            data={values}
            dataKey="day"
            series={[{ name: 'value', label: t('stockInsights.valueSeries'), color: 'teal.6' }]}
            curveType="monotone"
            withDots={false}
            valueFormatter={(v) => compact?.format(v) ?? String(v)}
            yAxisProps={{ width: 64 }}
            xAxisProps={{ minTickGap: 24 }}
          />
        </Stack>
        <Stack gap="xs">
          <Title order={3} fz="sm">
            {t('stockInsights.topTitle')}
          </Title>
          {top.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('stockInsights.noTop')}
            </Text>
          ) : (
            <BarChart
              h={Math.max(160, top.length * 30)}
              data={top}
              dataKey="name"
              orientation="vertical"
              series={[{ name: 'quantity', label: t('stockInsights.topSeries'), color: 'blue.6' }]}
              valueFormatter={(v) => f.number(v)}
              yAxisProps={{ width: 150 }}
              gridAxis="x"
            />
          )}
        </Stack>
      </SimpleGrid>
    </Card>
  );
}
