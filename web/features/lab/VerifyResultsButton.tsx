import { IconChecks } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ApiError, post } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import i18n from '../../i18n';
import { labOrderKey, refreshLabOrders } from './order-queries';

/** Why a verification was refused, in the technician's words. */
function verifyError(err: unknown): string {
  if (err instanceof ApiError && err.code === 'RULE_VIOLATION')
    return i18n.t('labResults.errors.secondPerson');
  if (err instanceof ApiError && err.code === 'INVALID_TRANSITION') return i18n.t('labResults.errors.notNow');
  return errorMessage(err);
}

/**
 * "Verify" for a test's entered results: a second person confirms them, after which they never
 * change; once every test is verified the order is reported and the patient told. The server
 * refuses whoever entered them, and the dialog says so.
 */
export function VerifyResultsButton({ order, item }: { order: LabOrder; item: LabOrderItem }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return (
    <ConfirmButton
      size="xs"
      color="teal"
      leftSection={<IconChecks size={14} aria-hidden />}
      aria-label={t('labResults.verifyOf', { name: item.name })}
      title={t('labResults.verifyTitle', { code: item.code, accession: item.accession })}
      message={t('labResults.verifyMessage', { name: item.resultedBy?.name ?? '' })}
      confirmLabel={t('labResults.verifyConfirm')}
      describeError={verifyError}
      onConfirm={async () => {
        try {
          const next = await post<LabOrder>(`/api/lab/orders/${order.id}/items/${item.id}/verify`);
          await refreshLabOrders(client, next);
          notifySuccess(
            next.status === 'reported'
              ? t('labResults.reportedDone', { number: next.number })
              : t('labResults.verifiedDone', { code: item.code }),
          );
        } catch (err) {
          if (err instanceof ApiError && err.code === 'INVALID_TRANSITION')
            void client.invalidateQueries({ queryKey: labOrderKey(order.id) });
          throw err;
        }
      }}
    >
      {t('labResults.verify')}
    </ConfirmButton>
  );
}
