import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { WardRequest } from '../../../contracts/pharmacy-orders';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { LineQuantitiesForm } from '../dispensing/LineQuantitiesForm';
import { refreshStockFigures } from '../dispensing/medicine';
import { toIssue, wardRequestKey } from './queries';

/** The pharmacist issues each line from the pharmacy, by default all that is still to issue. */
export function IssueForm({
  request,
  onIssued,
}: {
  request: WardRequest;
  onIssued: (r: WardRequest) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();

  return (
    <LineQuantitiesForm
      lines={request.lines}
      openOf={toIssue}
      texts={{
        title: t('ward.issueTitle'),
        hint: t('ward.issueHint'),
        failed: t('ward.notIssued'),
        action: t('ward.issue'),
        open: (count, unit) => t('ward.toIssue', { amount: f.amount(count, unit) }),
        quantityFor: (name) => t('ward.quantityFor', { name }),
        atMost: (count) => t('ward.atMost', { count }),
      }}
      submit={async (chosen) => {
        const next = await post<WardRequest>(`/api/ward-requests/${request.id}/issue`, {
          lines: chosen.map((c) => ({
            lineId: c.line.id,
            quantity: c.quantity,
            issuedBefore: c.line.quantityIssued,
          })),
        });
        client.setQueryData(wardRequestKey(request.id), next);
        await client.invalidateQueries({ queryKey: ['ward-requests'] });
        // The units left the pharmacy: on-hand figures, batches and the dashboard are stale now.
        await refreshStockFigures(client);
        notifySuccess(t('ward.issuedOk', { number: request.number }));
        onIssued(next);
      }}
    />
  );
}
