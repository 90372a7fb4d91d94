import { ActionIcon, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice, InvoiceLine } from '../../../contracts/billing';
import { DataTable, type Column } from '../../components/DataTable';
import { del } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/forms';
import { AddLineModal } from './AddLineModal';
import { ChangeLineModal } from './ChangeLineModal';
import { invoiceKey, refreshBilling } from './queries';

/** The invoice's lines; on a draft, with ways to add, change and remove them. */
export function InvoiceLinesCard({ invoice, editable }: { invoice: Invoice; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<InvoiceLine | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const money = (minor: number) => f.money(minor, invoice.currency);

  const remove = async (line: InvoiceLine) => {
    setRemoving(line.id);
    try {
      const next = await del<Invoice>(`/api/billing/invoices/${invoice.id}/lines/${line.id}`);
      client.setQueryData(invoiceKey(invoice.id), next);
      await refreshBilling(client);
    } catch (err) {
      notifyError(err);
    } finally {
      setRemoving(null);
    }
  };

  const discounted = invoice.lines.some((l) => l.discount);
  const discountColumn: Column<InvoiceLine> = {
    key: 'discount',
    header: t('invoice.discount'),
    cell: (l) =>
      l.discount ? (
        <div>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {money(-l.discountMinor)}
            {l.discount.kind === 'percent' &&
              ` (${t('invoice.percent', { value: f.number(l.discount.value / 100) })})`}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {l.discount.reason}
          </Text>
        </div>
      ) : (
        '—'
      ),
    visibleFrom: 'sm',
  };

  const columns: Column<InvoiceLine>[] = [
    {
      key: 'description',
      header: t('invoice.description'),
      cell: (l) => (
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {l.description}
        </Text>
      ),
    },
    { key: 'quantity', header: t('invoice.quantity'), cell: (l) => f.number(l.quantity), nowrap: true },
    { key: 'price', header: t('invoice.unitPrice'), cell: (l) => money(l.unitPriceMinor), nowrap: true },
    {
      key: 'tax',
      header: t('invoice.taxRate'),
      cell: (l) => t('invoice.percent', { value: f.number(l.taxRateBp / 100) }),
      nowrap: true,
      visibleFrom: 'md',
    },
    {
      key: 'total',
      header: t('invoice.lineTotal'),
      cell: (l) => (
        <Text size="sm" fw={600}>
          {money(l.totalMinor)}
        </Text>
      ),
      nowrap: true,
    },
  ];
  if (discounted) columns.splice(3, 0, discountColumn);
  if (editable)
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      cell: (l) => (
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            onClick={() => setChanging(l)}
            aria-label={t('invoice.changeLineOf', { name: l.description })}
          >
            <IconPencil size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            loading={removing === l.id}
            onClick={() => void remove(l)}
            aria-label={t('invoice.removeLine', { name: l.description })}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ),
      nowrap: true,
    });

  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          {t('invoice.lines')}
        </Title>
        {editable && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            {t('invoice.addLine')}
          </Button>
        )}
      </Group>
      <Stack>
        <DataTable
          caption={t('invoice.linesCaption')}
          columns={columns}
          rows={invoice.lines}
          rowKey={(l) => l.id}
          empty={
            <Text size="sm" c="dimmed">
              {t('invoice.noLines')}
            </Text>
          }
        />
      </Stack>
      {editable && <AddLineModal invoice={invoice} opened={adding} onClose={() => setAdding(false)} />}
      {changing && <ChangeLineModal invoice={invoice} line={changing} onClose={() => setChanging(null)} />}
    </Card>
  );
}
