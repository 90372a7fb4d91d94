import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { IconPackageExport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dispensing, Prescription } from '../../../contracts/dispensing';
import { post } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { outcomeUnknown, useIdempotencyKey } from '../../lib/idempotency';
import { refreshStockFigures } from './medicine';
import { leftOf, prescriptionKey } from './queries';
import { stockErrorMessage } from './stock-errors';

/**
 * How much of each line to dispense now (by default all that is left), sent with one key per
 * attempt: a retry after a lost answer is answered with the first result, never dispensed twice.
 */
export function DispenseForm({
  prescription,
  onDispensed,
}: {
  prescription: Prescription;
  onDispensed: (d: Dispensing) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const open = prescription.lines.filter((l) => leftOf(l) > 0);
  const [qty, setQty] = useState<Record<string, number | string>>(() =>
    Object.fromEntries(open.map((l) => [l.id, leftOf(l)])),
  );
  const [key, renewKey] = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lines = open
    .map((l) => ({ lineId: l.id, quantity: Number(qty[l.id] ?? 0) }))
    .filter((l) => Number.isInteger(l.quantity) && l.quantity > 0);
  const tooMuch = open.some((l) => Number(qty[l.id] ?? 0) > leftOf(l));

  const dispense = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await post<Dispensing>(`/api/prescriptions/${prescription.id}/dispense`, {
        idempotencyKey: key,
        lines,
      });
      renewKey();
      client.setQueryData(prescriptionKey(prescription.id), done.prescription);
      await client.invalidateQueries({ queryKey: ['prescriptions'] });
      await refreshStockFigures(client);
      notifySuccess(t('dispensing.dispensedOk'));
      onDispensed(done);
      setQty(Object.fromEntries(done.prescription.lines.map((l) => [l.id, leftOf(l)])));
    } catch (err) {
      if (!outcomeUnknown(err)) renewKey();
      setError(
        stockErrorMessage(err, (id) => prescription.lines.find((l) => l.medicineId === id)?.medicineName),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Stack>
        <div>
          <Title order={2} fz="h4">
            {t('dispensing.dispenseTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('dispensing.dispenseHint')}
          </Text>
        </div>
        <Table verticalSpacing="xs" aria-label={t('dispensing.dispenseTitle')}>
          <Table.Tbody>
            {open.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {l.medicineName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('dispensing.leftOf', { left: leftOf(l), unit: l.dispensingUnit })}
                  </Text>
                </Table.Td>
                <Table.Td w={120}>
                  <NumberInput
                    aria-label={t('dispensing.quantityFor', { name: l.medicineName })}
                    value={qty[l.id] ?? ''}
                    onChange={(v) => setQty((q) => ({ ...q, [l.id]: v }))}
                    min={0}
                    max={leftOf(l)}
                    allowDecimal={false}
                    allowNegative={false}
                    error={
                      Number(qty[l.id] ?? 0) > leftOf(l)
                        ? t('dispensing.atMostLeft', { left: leftOf(l) })
                        : null
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error && (
          <Alert color="red" role="alert" title={t('dispensing.notDispensed')}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            onClick={() => void dispense()}
            loading={busy}
            disabled={lines.length === 0 || tooMuch}
            leftSection={<IconPackageExport size={16} aria-hidden />}
          >
            {t('dispensing.dispense')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
