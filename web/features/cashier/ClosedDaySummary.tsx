import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CashClosing } from '../../../contracts/billing-reports';
import { useFormat } from '../../lib/format';
import { Fact } from '../procurement/Fact';
import { DifferenceBadge } from './DifferenceBadge';

/** A closed day: what was expected, what was counted, the difference kept, and who closed it when. */
export function ClosedDaySummary({ closing, currency }: { closing: CashClosing; currency: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="sm" data-testid="closed-day">
      <SimpleGrid cols={2} spacing="sm">
        <Fact label={t('cashClosing.expected')} value={f.money(closing.expectedCashMinor, currency)} />
        <Fact label={t('cashClosing.countedShort')} value={f.money(closing.countedCashMinor, currency)} />
      </SimpleGrid>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t('cashClosing.difference')}
        </Text>
        <DifferenceBadge differenceMinor={closing.differenceMinor} currency={currency} size="lg" />
      </Group>
      {closing.notes && <Fact label={t('cashClosing.notes')} value={closing.notes} />}
      <Text size="sm" c="dimmed">
        {t('cashClosing.closedAt', {
          at: f.dateTime(closing.closedAt),
          name: closing.cashierName ?? t('cashClosing.someoneElse'),
        })}
      </Text>
    </Stack>
  );
}
