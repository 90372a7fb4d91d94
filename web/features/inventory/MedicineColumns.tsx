import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Medicine } from '../../../contracts/pharmacy';
import type { Column } from '../../components/DataTable';
import { TimeZoneContext, useFormat } from '../../lib/format';
import { EXPIRY_COLOR, expiryStateOf, todayIn } from '../stock/expiry';

/** A medicine's name as people look for it: generic name and strength, brand under it. */
export function MedicineName({ m }: { m: Medicine }) {
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/app/inventory/${m.id}`} fw={500} size="sm">
        {m.genericName}
      </Anchor>
      {m.brandName && (
        <Text size="xs" c="dimmed">
          {m.brandName}
        </Text>
      )}
    </Stack>
  );
}

/** The catalog table's columns: fit at 1280 px, and read as cards on a phone. */
export function useMedicineColumns(): Column<Medicine>[] {
  const { t } = useTranslation();
  const f = useFormat();
  const today = todayIn(useContext(TimeZoneContext));
  return [
    { key: 'name', header: t('inventory.columns.name'), cell: (m) => <MedicineName m={m} /> },
    {
      key: 'form',
      header: t('inventory.columns.formStrength'),
      cell: (m) => (
        <Text size="sm">
          {t(`dosageForms.${m.form}`)} · {m.strength}
        </Text>
      ),
    },
    {
      key: 'onHand',
      header: t('inventory.columns.onHand'),
      nowrap: true,
      cell: (m) => <Text size="sm">{f.number(m.stock.onHand)}</Text>,
    },
    {
      key: 'available',
      header: t('inventory.columns.available'),
      nowrap: true,
      visibleFrom: 'md',
      cell: (m) => <Text size="sm">{f.number(m.stock.availableInPharmacy)}</Text>,
    },
    {
      key: 'expiry',
      header: t('inventory.columns.nextExpiry'),
      nowrap: true,
      cell: (m) => {
        if (!m.stock.nextExpiry) return <Text size="sm">—</Text>;
        const state = expiryStateOf(m.stock.nextExpiry, today);
        return state === 'ok' ? (
          <Text size="sm">{f.date(m.stock.nextExpiry)}</Text>
        ) : (
          <Badge color={EXPIRY_COLOR[state]} variant="light" tt="none" title={t(`expiry.${state}`)}>
            {f.date(m.stock.nextExpiry)}
          </Badge>
        );
      },
    },
    {
      key: 'status',
      header: t('inventory.columns.status'),
      nowrap: true,
      cell: (m) => (
        <Group gap={4} wrap="nowrap">
          {!m.active && (
            <Badge color="gray" variant="outline" tt="none">
              {t('medicineDetail.outOfUse')}
            </Badge>
          )}
          {m.active && m.stock.low && (
            <Badge color="red" variant="light" tt="none">
              {t('inventory.low')}
            </Badge>
          )}
          {m.stock.expired > 0 && (
            <Badge color="gray" variant="light" tt="none">
              {t('inventory.expiredUnits', { count: m.stock.expired })}
            </Badge>
          )}
          {m.active && !m.stock.low && m.stock.expired === 0 && (
            <Text size="sm" c="dimmed">
              {t('inventory.ok')}
            </Text>
          )}
        </Group>
      ),
    },
    {
      key: 'price',
      header: t('inventory.columns.price'),
      nowrap: true,
      cell: (m) => <Text size="sm">{f.money(m.salePriceMinor, m.currency)}</Text>,
    },
  ];
}
