import { Anchor, Card, EmptyState, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconMoodCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ExpiringBatch } from '../../../contracts/stock-control';
import { TableEmpty } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { CardsSkeleton } from '../../components/Skeletons';
import { useFormat } from '../../lib/format';
import { useHospitalCurrency } from '../inventory/queries';
import { EXPIRY_COLOR, groupExpiring } from './expiry';
import { ExpiredCard } from './ExpiredCard';
import { ExpiryTable } from './ExpiryTable';
import { LowStockCard } from './LowStockCard';
import { useStockAlerts } from './queries';

function Summary({
  label,
  value,
  href,
  color,
}: {
  label: string;
  value: string;
  href: string;
  color?: string;
}) {
  return (
    <Card p="sm">
      <Anchor href={href} underline="never" c="inherit">
        <Text size="xs" c="dimmed" fw={500}>
          {label}
        </Text>
        <Text fz="xl" fw={700} c={color}>
          {value}
        </Text>
      </Anchor>
    </Card>
  );
}

function Band({ title, rows, currency }: { title: string; rows: ExpiringBatch[]; currency: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={3} fz="h5">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('stockAlerts.noneInBand')}
        </Text>
      ) : (
        <ExpiryTable rows={rows} currency={currency} caption={title} empty={null} />
      )}
    </Stack>
  );
}

/** What needs the pharmacist's attention: low stock, batches expiring soon, expired stock to write off. */
export default function StockAlertsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const alerts = useStockAlerts();
  const currency = useHospitalCurrency();
  const a = alerts.data;
  const bands = a ? groupExpiring(a.expiring) : null;

  return (
    <>
      <PageHeader
        title={t('stockAlerts.title')}
        description={a ? t('stockAlerts.description', { date: f.date(a.today) }) : undefined}
      />
      {alerts.isPending && <CardsSkeleton count={4} />}
      {alerts.isError && <LoadError error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {a && bands && currency && (
        <Stack>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
            <Summary
              label={t('stockAlerts.summaryLow')}
              value={f.number(a.lowStock.length)}
              href="#low-stock"
              color={a.lowStock.length ? 'red' : undefined}
            />
            <Summary
              label={t('stockAlerts.within30')}
              value={f.number(bands.within30.length)}
              href="#expiring"
              color={bands.within30.length ? EXPIRY_COLOR.expiring_30 : undefined}
            />
            <Summary
              label={t('stockAlerts.within60')}
              value={f.number(bands.within60.length)}
              href="#expiring"
            />
            <Summary
              label={t('stockAlerts.within90')}
              value={f.number(bands.within90.length)}
              href="#expiring"
            />
            <Summary
              label={t('stockAlerts.summaryExpired')}
              value={f.money(
                a.expired.reduce((n, b) => n + b.valueMinor, 0),
                currency,
              )}
              href="#expired"
              color={a.expired.length ? 'red' : undefined}
            />
          </SimpleGrid>
          <LowStockCard items={a.lowStock} />
          <Card id="expiring">
            <Title order={2} fz="h4" mb="sm">
              {t('stockAlerts.expiringTitle', { count: a.expiring.length })}
            </Title>
            {a.expiring.length === 0 ? (
              <TableEmpty>
                <EmptyState
                  icon={<IconMoodCheck size={28} aria-hidden />}
                  withIndicatorBackground
                  title={t('stockAlerts.noExpiring')}
                />
              </TableEmpty>
            ) : (
              <Stack gap="lg">
                <Band
                  title={t('stockAlerts.bandCount', {
                    band: t('stockAlerts.within30'),
                    count: bands.within30.length,
                  })}
                  rows={bands.within30}
                  currency={currency}
                />
                <Band
                  title={t('stockAlerts.bandCount', {
                    band: t('stockAlerts.within60'),
                    count: bands.within60.length,
                  })}
                  rows={bands.within60}
                  currency={currency}
                />
                <Band
                  title={t('stockAlerts.bandCount', {
                    band: t('stockAlerts.within90'),
                    count: bands.within90.length,
                  })}
                  rows={bands.within90}
                  currency={currency}
                />
              </Stack>
            )}
          </Card>
          <ExpiredCard batches={a.expired} currency={currency} />
        </Stack>
      )}
    </>
  );
}
