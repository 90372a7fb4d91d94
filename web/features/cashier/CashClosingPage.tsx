import '@mantine/dates/styles.layer.css';
import { Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { TimeZoneContext, useFormat } from '../../lib/format';
import { useListParams } from '../../components/PagedList';
import { todayIn } from '../stock/expiry';
import { ClosedDaySummary } from './ClosedDaySummary';
import { ClosingsList } from './ClosingsList';
import { CloseDayForm } from './CloseDayForm';
import { MethodTotalsTable } from './MethodTotalsTable';
import { useCashDay } from './queries';

/**
 * A cashier's day on the hospital's clock: what they recorded by method, the cash expected in the
 * drawer, the count and closing (once), then the closed day's figures; and their past closings
 * (everyone's for those who read billing reports).
 */
export default function CashClosingPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const today = todayIn(useContext(TimeZoneContext));
  const { params, set } = useListParams();
  const date = params.get('date');
  const day = useCashDay(date && date < today ? date : null);
  const d = day.data;

  return (
    <>
      <PageHeader title={t('cashClosing.title')} description={t('cashClosing.description')} />
      <Stack>
        <Card>
          <Stack>
            <DateInput
              label={t('cashClosing.day')}
              description={t('cashClosing.dayHint')}
              value={d?.businessDate ?? date ?? today}
              onChange={(v) => set('date', v && v !== today ? v : null)}
              maxDate={today}
              valueFormat="D MMM YYYY"
              popoverProps={{ withinPortal: true }}
              w={{ base: '100%', xs: 240 }}
              data-testid="cash-day-date"
            />
            {day.isPending && <DetailSkeleton />}
            {day.isError && <LoadError error={day.error} onRetry={() => void day.refetch()} />}
            {d && (
              <Grid gap="xl">
                <Grid.Col span={{ base: 12, md: 7 }}>
                  <Stack gap="xs">
                    <Title order={2} fz="h4">
                      {t('cashClosing.recordedTitle')}
                    </Title>
                    <Text size="sm" c="dimmed">
                      {t('cashClosing.recordedOn', { date: f.date(d.businessDate) })}
                    </Text>
                    <MethodTotalsTable rows={d.byMethod} currency={d.currency} />
                    <Group justify="space-between" gap="xs" mt="xs" data-testid="expected-cash">
                      <div>
                        <Text fw={500}>{t('cashClosing.expectedCash')}</Text>
                        <Text size="xs" c="dimmed">
                          {t('cashClosing.expectedCashHint')}
                        </Text>
                      </div>
                      <Text fz={24} fw={700}>
                        {f.money(d.expectedCashMinor, d.currency)}
                      </Text>
                    </Group>
                  </Stack>
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 5 }}>
                  <Stack gap="xs">
                    <Title order={2} fz="h4">
                      {d.closing ? t('cashClosing.closedTitle') : t('cashClosing.countTitle')}
                    </Title>
                    {d.closing ? (
                      <ClosedDaySummary closing={d.closing} currency={d.currency} />
                    ) : (
                      <CloseDayForm key={d.businessDate} day={d} />
                    )}
                  </Stack>
                </Grid.Col>
              </Grid>
            )}
          </Stack>
        </Card>
        <ClosingsList />
      </Stack>
    </>
  );
}
