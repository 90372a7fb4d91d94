import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dispensing, Prescription } from '../../../contracts/dispensing';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { outcomeUnknown, useIdempotencyKey } from '../../lib/idempotency';
import { LineQuantitiesForm } from './LineQuantitiesForm';
import { refreshStockFigures } from './medicine';
import { leftOf, prescriptionKey } from './queries';

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
  const f = useFormat();
  const client = useQueryClient();
  const [key, renewKey] = useIdempotencyKey();

  return (
    <LineQuantitiesForm
      lines={prescription.lines}
      openOf={leftOf}
      texts={{
        title: t('dispensing.dispenseTitle'),
        hint: t('dispensing.dispenseHint'),
        failed: t('dispensing.notDispensed'),
        action: t('dispensing.dispense'),
        open: (left, unit) => t('dispensing.leftOf', { amount: f.amount(left, unit) }),
        quantityFor: (name) => t('dispensing.quantityFor', { name }),
        atMost: (left) => t('dispensing.atMostLeft', { left }),
      }}
      submit={async (chosen) => {
        const done = await post<Dispensing>(`/api/prescriptions/${prescription.id}/dispense`, {
          idempotencyKey: key,
          lines: chosen.map((c) => ({ lineId: c.line.id, quantity: c.quantity })),
        });
        renewKey();
        client.setQueryData(prescriptionKey(prescription.id), done.prescription);
        await client.invalidateQueries({ queryKey: ['prescriptions'] });
        await refreshStockFigures(client);
        notifySuccess(t('dispensing.dispensedOk'));
        onDispensed(done);
      }}
      onFailure={(err) => {
        if (!outcomeUnknown(err)) renewKey();
      }}
    />
  );
}
