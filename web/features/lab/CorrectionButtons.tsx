import { IconArrowBackUp, IconChecks } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ApiError, post } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';
import i18n from '../../i18n';
import { labOrderKey, refreshLabOrders } from './order-queries';

/** Why a release or a withdrawal was refused, in the technician's words. */
function correctionError(err: unknown): string {
  if (err instanceof ApiError && err.code === 'RULE_VIOLATION')
    return i18n.t('labCorrections.errors.secondPerson');
  if (err instanceof ApiError && err.code === 'INVALID_TRANSITION')
    return i18n.t('labCorrections.errors.notNow');
  return errorMessage(err);
}

/** Runs a correction's action and refreshes the order; a stale page is reloaded on 409. */
function useCorrectionAction(order: LabOrder, item: LabOrderItem) {
  const client = useQueryClient();
  return async (action: 'release' | 'withdraw', done: string) => {
    try {
      const next = await post<LabOrder>(`/api/lab/orders/${order.id}/items/${item.id}/amendment/${action}`);
      await refreshLabOrders(client, next);
      notifySuccess(done);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INVALID_TRANSITION')
        void client.invalidateQueries({ queryKey: labOrderKey(order.id) });
      throw err;
    }
  };
}

/**
 * "Release correction" for a test's pending correction (ADR 35): a second person checks the
 * corrected values, after which they replace the results shown and the doctor and patient are told.
 * The server refuses whoever entered it, and the dialog says so.
 */
export function ReleaseCorrectionButton({ order, item }: { order: LabOrder; item: LabOrderItem }) {
  const { t } = useTranslation();
  const act = useCorrectionAction(order, item);
  const pending = item.pendingAmendment;
  if (!pending) return null;
  return (
    <ConfirmButton
      size="xs"
      color="teal"
      leftSection={<IconChecks size={14} aria-hidden />}
      aria-label={t('labCorrections.releaseOf', { name: item.name })}
      title={t('labCorrections.releaseTitle', { code: item.code, accession: item.accession })}
      message={t('labCorrections.releaseMessage', { name: pending.enteredBy.name, reason: pending.reason })}
      confirmLabel={t('labCorrections.releaseConfirm')}
      describeError={correctionError}
      onConfirm={() => act('release', t('labCorrections.released', { code: item.code }))}
    >
      {t('labCorrections.release')}
    </ConfirmButton>
  );
}

/** "Withdraw" a pending correction: its values are discarded, the results shown stay. */
export function WithdrawCorrectionButton({ order, item }: { order: LabOrder; item: LabOrderItem }) {
  const { t } = useTranslation();
  const act = useCorrectionAction(order, item);
  if (!item.pendingAmendment) return null;
  return (
    <ConfirmButton
      size="xs"
      variant="subtle"
      color="red"
      leftSection={<IconArrowBackUp size={14} aria-hidden />}
      aria-label={t('labCorrections.withdrawOf', { name: item.name })}
      title={t('labCorrections.withdrawTitle', { code: item.code })}
      message={t('labCorrections.withdrawMessage')}
      confirmLabel={t('labCorrections.withdrawConfirm')}
      destructive
      describeError={correctionError}
      onConfirm={() => act('withdraw', t('labCorrections.withdrawn', { code: item.code }))}
    >
      {t('labCorrections.withdraw')}
    </ConfirmButton>
  );
}
