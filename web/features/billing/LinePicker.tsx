import { Button, SegmentedControl, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MedicineSearch } from '../dispensing/MedicineSearch';
import { medicineName } from '../dispensing/medicine';
import { listedLine, otherLine, type BillLineKind, type BillLineValues } from './bill-form';
import { ServiceSearch } from './ServiceSearch';

const KINDS: BillLineKind[] = ['service', 'medicine', 'other'];

/** Adds a line to a bill: a service of the price list, a medicine of the catalog, or one described here. */
export function LinePicker({ onAdd }: { onAdd: (line: BillLineValues) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<BillLineKind>('service');
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t('invoice.lineKind')}
        value={kind}
        onChange={(v) => setKind(v as BillLineKind)}
        data={KINDS.map((k) => ({ value: k, label: t(`invoice.lineKinds.${k}`) }))}
        style={{ alignSelf: 'flex-start' }}
        data-testid="line-kind"
      />
      {kind === 'service' && (
        <ServiceSearch
          label={t('invoice.addService')}
          onPick={(s, currency) =>
            onAdd(
              listedLine(
                'service',
                { id: s.id, name: s.name, priceMinor: s.priceMinor, taxRateBp: s.taxRateBp },
                currency,
              ),
            )
          }
        />
      )}
      {kind === 'medicine' && (
        <MedicineSearch
          label={t('invoice.addMedicine')}
          withPrice
          onPick={(m) =>
            onAdd(
              listedLine(
                'medicine',
                { id: m.id, name: medicineName(m), priceMinor: m.salePriceMinor, taxRateBp: m.taxRateBp },
                m.currency,
              ),
            )
          }
        />
      )}
      {kind === 'other' && (
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => onAdd(otherLine())}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('invoice.addOtherLine')}
        </Button>
      )}
    </Stack>
  );
}
