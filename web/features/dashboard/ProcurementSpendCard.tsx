import '@mantine/charts/styles.layer.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Card, Group, Title, Skeleton, Stack, VisuallyHidden, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { useFormat } from '../../lib/format';
import { currencyDigits } from '../../lib/money';
import { useInsights } from '../procurement/queries';

/**
 * Spend by month for the procurement officer and the hospital admin: the value of the orders
 * approved in each of the last 12 months (the hospital's months, cancelled orders apart). Loaded
 * on its own, after the dashboard, with the charts library.
 */
export default function ProcurementSpendCard() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const insights = useInsights();
  const d = insights.data;
  const months = useMemo(() => {
    // Calendar months: no zone applies (the server counted them in the hospital's).
    const label = new Intl.DateTimeFormat(i18n.language, {
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    });
    return (d?.spendByMonth ?? []).map((m) => ({
      month: label.format(new Date(`${m.month}-01T00:00:00Z`)),
      spend: m.totalMinor,
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
  const currency = d!.currency;
  const total = d!.spendByMonth.reduce((s, m) => s + m.totalMinor, 0);
  // Whole major units on the axis: the tooltip gives the exact amount.
  const axis = new Intl.NumberFormat(i18n.language, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const digits = 10 ** currencyDigits(currency);

  return (
    <Card data-testid="procurement-spend">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={2} fz="h4">
              {t('spend.title')}
            </Title>
            <Text size="sm" c="dimmed" data-testid="spend-total">
              {t('spend.summary', { total: f.money(total, currency) })}
            </Text>
          </div>
          <Anchor component={Link} to="/app/purchase-orders" size="sm">
            {t('nav.purchaseOrders')}
          </Anchor>
        </Group>
        <BarChart
          h={220}
          data={months}
          dataKey="month"
          series={[{ name: 'spend', label: t('spend.series'), color: 'teal.6' }]}
          valueFormatter={(v) => f.money(v, currency)}
          xAxisProps={{ minTickGap: 12 }}
          yAxisProps={{ tickFormatter: (v: number) => axis.format(v / digits), width: 64 }}
        />
      </Stack>
    </Card>
  );
}
