import { Alert, Button, Card, Grid, Stack, Text, Title } from '@mantine/core';
import { IconCashRegister } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sale } from '../../../contracts/dispensing';
import type { PatientSummary } from '../../../contracts/patients';
import { post } from '../../lib/api';
import { useSession } from '../../lib/session';
import { notifySuccess } from '../../lib/forms';
import { outcomeUnknown, useIdempotencyKey } from '../../lib/idempotency';
import { sumLines } from '../../lib/pricing';
import { PageHeader } from '../../components/PageHeader';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { medicineName, refreshStockFigures } from './medicine';
import { MedicineSearch } from './MedicineSearch';
import { PatientPicker } from './PatientPicker';
import { RecentSales } from './RecentSales';
import { SaleLines, type SaleLine } from './SaleLines';
import { SaleReceipt } from './SaleReceipt';
import { stockErrorMessage } from './stock-errors';
import { TotalsTable } from './TotalsTable';

/**
 * Selling over the counter: scan or search medicines, set quantities, optionally name the
 * patient. The total shown is worked out like the server's; the receipt shows the server's own.
 */
export default function CounterSalePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const client = useQueryClient();
  const [lines, setLines] = useState<SaleLine[]>([]);
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [sale, setSale] = useState<{ sale: Sale; patientName?: string } | null>(null);
  const [key, renewKey] = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const priced = lines.map((l) => ({
    quantity: Number(l.quantity) || 0,
    unitPriceMinor: l.medicine.salePriceMinor,
    taxRateBp: l.medicine.taxRateBp,
  }));
  const totals = sumLines(priced);
  const currency = lines[0]?.medicine.currency;
  const valid =
    lines.length > 0 &&
    lines.every((l) => {
      const q = Number(l.quantity);
      return Number.isInteger(q) && q >= 1 && q <= l.medicine.stock.availableInPharmacy;
    });

  const add = (m: SaleLine['medicine']) => {
    setError(null);
    setLines((ls) =>
      ls.some((l) => l.medicine.id === m.id)
        ? ls.map((l) => (l.medicine.id === m.id ? { ...l, quantity: (Number(l.quantity) || 0) + 1 } : l))
        : [...ls, { medicine: m, quantity: 1 }],
    );
  };

  const sell = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await post<Sale>('/api/pharmacy/sales', {
        idempotencyKey: key,
        ...(patient ? { patientId: patient.id } : {}),
        lines: lines.map((l) => ({ medicineId: l.medicine.id, quantity: Number(l.quantity) })),
      });
      renewKey();
      setSale({
        sale: done,
        patientName: patient ? `${patient.givenName} ${patient.familyName}`.trim() : undefined,
      });
      setLines([]);
      setPatient(null);
      notifySuccess(t('counterSale.done'));
      await refreshStockFigures(client);
      await client.invalidateQueries({ queryKey: ['sales'] });
    } catch (err) {
      if (!outcomeUnknown(err)) renewKey();
      setError(
        stockErrorMessage(err, (id) => {
          const m = lines.find((l) => l.medicine.id === id)?.medicine;
          return m && medicineName(m);
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('counterSale.title')} description={t('counterSale.description')} />
      <UnsavedChangesGuard when={lines.length > 0 && !busy} />
      {sale ? (
        <SaleReceipt sale={sale.sale} patientName={sale.patientName} onNew={() => setSale(null)} />
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card>
              <Stack>
                <MedicineSearch
                  label={t('counterSale.search')}
                  description={t('counterSale.searchHint')}
                  onPick={add}
                  withPrice
                  autoFocus
                />
                {lines.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('counterSale.empty')}
                  </Text>
                ) : (
                  <SaleLines
                    lines={lines}
                    onQuantity={(id, q) =>
                      setLines((ls) => ls.map((l) => (l.medicine.id === id ? { ...l, quantity: q } : l)))
                    }
                    onRemove={(id) => setLines((ls) => ls.filter((l) => l.medicine.id !== id))}
                  />
                )}
              </Stack>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card>
              <Stack>
                <Title order={2} fz="h4">
                  {t('counterSale.summary')}
                </Title>
                {can('patients:read') && (
                  <PatientPicker
                    label={t('counterSale.patient')}
                    description={t('counterSale.patientHint')}
                    value={patient}
                    onChange={setPatient}
                  />
                )}
                {currency && <TotalsTable totals={totals} currency={currency} />}
                <Text size="xs" c="dimmed">
                  {t('counterSale.totalNote')}
                </Text>
                {error && (
                  <Alert color="red" role="alert" title={t('counterSale.notSold')}>
                    {error}
                  </Alert>
                )}
                <Button
                  size="md"
                  onClick={() => void sell()}
                  loading={busy}
                  disabled={!valid}
                  leftSection={<IconCashRegister size={18} aria-hidden />}
                >
                  {t('counterSale.sell')}
                </Button>
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
      )}
      <RecentSales />
    </>
  );
}
