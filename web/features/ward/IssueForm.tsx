import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { IconPackageExport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WardRequest } from '../../../contracts/pharmacy-orders';
import { post } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { refreshStockFigures } from '../dispensing/medicine';
import { stockErrorMessage } from '../dispensing/stock-errors';
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
  const client = useQueryClient();
  const open = request.lines.filter((l) => toIssue(l) > 0);
  const [qty, setQty] = useState<Record<string, number | string>>(() =>
    Object.fromEntries(open.map((l) => [l.id, toIssue(l)])),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lines = open
    .map((l) => ({ lineId: l.id, quantity: Number(qty[l.id] ?? 0), issuedBefore: l.quantityIssued }))
    .filter((l) => Number.isInteger(l.quantity) && l.quantity > 0);
  const tooMuch = open.some((l) => Number(qty[l.id] ?? 0) > toIssue(l));

  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await post<WardRequest>(`/api/ward-requests/${request.id}/issue`, { lines });
      client.setQueryData(wardRequestKey(request.id), next);
      await client.invalidateQueries({ queryKey: ['ward-requests'] });
      // The units left the pharmacy: on-hand figures, batches and the dashboard are stale now.
      await refreshStockFigures(client);
      notifySuccess(t('ward.issuedOk', { number: request.number }));
      onIssued(next);
    } catch (err) {
      setError(stockErrorMessage(err, (id) => request.lines.find((l) => l.medicineId === id)?.medicineName));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Stack>
        <div>
          <Title order={2} fz="h4">
            {t('ward.issueTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('ward.issueHint')}
          </Text>
        </div>
        <Table verticalSpacing="xs" aria-label={t('ward.issueTitle')}>
          <Table.Tbody>
            {open.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {l.medicineName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('ward.toIssue', { count: toIssue(l), unit: l.dispensingUnit })}
                  </Text>
                </Table.Td>
                <Table.Td w={120}>
                  <NumberInput
                    aria-label={t('ward.quantityFor', { name: l.medicineName })}
                    value={qty[l.id] ?? ''}
                    onChange={(v) => setQty((q) => ({ ...q, [l.id]: v }))}
                    min={0}
                    max={toIssue(l)}
                    allowDecimal={false}
                    allowNegative={false}
                    error={
                      Number(qty[l.id] ?? 0) > toIssue(l) ? t('ward.atMost', { count: toIssue(l) }) : null
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error && (
          <Alert color="red" role="alert" title={t('ward.notIssued')}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            onClick={() => void issue()}
            loading={busy}
            disabled={lines.length === 0 || tooMuch}
            leftSection={<IconPackageExport size={16} aria-hidden />}
          >
            {t('ward.issue')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
