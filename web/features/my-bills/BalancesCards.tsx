import { Card, Group, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MyBills } from '../../../contracts/billing';
import { useFormat } from '../../lib/format';
import { byMostOwed } from './bill-state';

/** What the patient owes, and holds in advance, at each hospital. */
export function BalancesCards({ balances }: { balances: MyBills['balances'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (balances.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="my-balances">
      {byMostOwed(balances).map((b) => (
        <Card key={b.hospitalId} aria-label={b.hospitalName}>
          <Text size="sm" c="dimmed" fw={500}>
            {b.hospitalName}
          </Text>
          <Group justify="space-between" align="flex-end" mt={6} gap="xs">
            <div>
              <Text size="xs" c="dimmed">
                {t('myBills.owed')}
              </Text>
              <Text fz={28} fw={700} lh={1.1} c={b.outstandingMinor > 0 ? undefined : 'teal'}>
                {b.outstandingMinor > 0 ? f.money(b.outstandingMinor, b.currency) : t('myBills.nothingOwed')}
              </Text>
            </div>
            {b.advanceMinor > 0 && (
              <div style={{ textAlign: 'right' }}>
                <Text size="xs" c="dimmed">
                  {t('myBills.advance')}
                </Text>
                <Text fw={600}>{f.money(b.advanceMinor, b.currency)}</Text>
              </div>
            )}
          </Group>
        </Card>
      ))}
    </SimpleGrid>
  );
}
