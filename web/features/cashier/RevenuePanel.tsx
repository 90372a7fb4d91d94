import '@mantine/dates/styles.layer.css';
import { Alert, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentMethod } from '../../../contracts/billing';
import { RevenueGrouping } from '../../../contracts/billing-reports';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { TimeZoneContext, useFormat } from '../../lib/format';
import { useListParams } from '../../components/PagedList';
import { todayIn } from '../stock/expiry';
import { CsvButton } from './CsvButton';
import { useRevenue } from './queries';
import { GroupingPicker } from './GroupingPicker';
import { chartData, monthSoFar, rangeProblem, type RowLabels } from './revenue';
import { RevenueChart } from './RevenueChart';
import { RevenueTable } from './RevenueTable';

const PATH = '/api/billing/reports/revenue';

/** Revenue over a range of the hospital's days, grouped one of four ways: a chart, a table, a CSV. */
export function RevenuePanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const today = todayIn(useContext(TimeZoneContext));
  const { params, set } = useListParams();
  const month = monthSoFar(today);
  const from = params.get('from') ?? month.from;
  const to = params.get('to') ?? month.to;
  const parsed = RevenueGrouping.safeParse(params.get('by'));
  const by = parsed.success ? parsed.data : 'day';
  const problem = rangeProblem(from, to);
  const report = useRevenue(from, to, by, problem === null);
  const r = report.data;

  const labels: RowLabels & { others: string } = useMemo(
    () => ({
      day: (d) => f.date(d),
      method: (m) => t(`payment.methods.${m as PaymentMethod}`),
      none: (g) => t(`revenue.none.${g}`),
      others: t('revenue.others'),
    }),
    [f, t],
  );
  const points = useMemo(() => (r ? chartData(r, labels) : []), [r, labels]);

  return (
    <Stack>
      <Group align="flex-end" gap="md">
        <DateInput
          label={t('revenue.from')}
          value={from}
          onChange={(v) => set('from', v)}
          valueFormat="D MMM YYYY"
          popoverProps={{ withinPortal: true }}
          w={{ base: '100%', xs: 170 }}
          data-testid="revenue-from"
        />
        <DateInput
          label={t('revenue.to')}
          value={to}
          onChange={(v) => set('to', v)}
          valueFormat="D MMM YYYY"
          popoverProps={{ withinPortal: true }}
          error={problem === 'reversed' || problem === 'tooLong'}
          w={{ base: '100%', xs: 170 }}
          data-testid="revenue-to"
        />
        <GroupingPicker value={by} onChange={(v) => set('by', v === 'day' ? null : v)} />
        <CsvButton
          path={PATH}
          query={{ from, to, by }}
          filename={`revenue-by-${by}-${from}-${to}.csv`}
          disabled={problem !== null}
        />
      </Group>
      {problem && (
        <Alert color="orange" variant="light" role="alert">
          {t(`revenue.rangeProblem.${problem}`)}
        </Alert>
      )}
      {!problem && report.isPending && (
        <>
          <Skeleton height={240} />
          <TableSkeleton />
        </>
      )}
      {!problem && report.isError && <LoadError error={report.error} onRetry={() => void report.refetch()} />}
      {!problem && r && (
        <Stack aria-live="polite" aria-busy={report.isFetching}>
          <Text size="sm" c="dimmed">
            {t(`revenue.measure.${r.measure}`)}
          </Text>
          {r.rows.length > 0 && (
            <>
              <Title order={2} fz="h4">
                {t(`revenue.chartTitle.${r.by}`)}
              </Title>
              <RevenueChart data={points} currency={r.currency} label={t(`revenue.chartTitle.${r.by}`)} />
            </>
          )}
          <RevenueTable report={r} labels={labels} />
        </Stack>
      )}
    </Stack>
  );
}
