import '@mantine/charts/styles.layer.css';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { currencyDigits } from '../../lib/money';
import type { ChartPoint } from './revenue';

/** Net revenue as bars, the exact amount in the tooltip and compact amounts on the axis. */
export function RevenueChart({
  data,
  currency,
  label,
}: {
  data: ChartPoint[];
  currency: string;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const axis = new Intl.NumberFormat(i18n.language, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const digits = 10 ** currencyDigits(currency);
  return (
    <div role="img" aria-label={label} data-testid="revenue-chart">
      <BarChart
        h={240}
        data={data}
        dataKey="label"
        series={[{ name: 'net', label: t('revenue.series'), color: 'teal.6' }]}
        valueFormatter={(v) => f.money(v, currency)}
        xAxisProps={{ minTickGap: 8 }}
        yAxisProps={{ tickFormatter: (v: number) => axis.format(v / digits), width: 64 }}
      />
    </div>
  );
}
