import { Button, EmptyState, Group, Stack, Text } from '@mantine/core';
import { IconBuildingHospital } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentFee } from '../../../contracts/price-list';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable, TableEmpty, type Column } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { del } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { DepartmentFeeModal } from './DepartmentFeeModal';
import { DEPARTMENT_FEES_KEY, useDepartmentFees, type DepartmentFees } from './queries';

/** Each department with the consultation fee the hospital set for it, or each doctor's own fee. */
export function DepartmentFeesPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const fees = useDepartmentFees();
  const [editing, setEditing] = useState<DepartmentFee | null>(null);
  const currency = fees.data?.currency ?? 'INR';

  const clear = async (d: DepartmentFee) => {
    const list = await del<DepartmentFees>(`/api/billing/consultation-fees/${d.departmentId}`);
    client.setQueryData(DEPARTMENT_FEES_KEY, list);
    notifySuccess(t('fees.cleared', { name: d.departmentName }));
  };

  const columns: Column<DepartmentFee>[] = [
    {
      key: 'department',
      header: t('fees.department'),
      cell: (d) => (
        <Text size="sm" fw={500}>
          {d.departmentName}
        </Text>
      ),
    },
    {
      key: 'fee',
      header: t('fees.fee'),
      cell: (d) =>
        d.feeMinor === null ? (
          <Text size="sm" c="dimmed">
            {t('fees.ownFee')}
          </Text>
        ) : (
          <Stack gap={0}>
            <Text size="sm">{f.money(d.feeMinor, currency)}</Text>
            {d.updatedAt && (
              <Text size="xs" c="dimmed">
                {t('fees.updatedOn', { date: f.day(d.updatedAt) })}
              </Text>
            )}
          </Stack>
        ),
    },
    {
      key: 'tax',
      header: t('priceList.taxRate'),
      cell: (d) =>
        d.taxRateBp === null ? '—' : t('priceList.percent', { value: f.number(d.taxRateBp / 100) }),
      nowrap: true,
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (d) => (
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="light"
            onClick={() => setEditing(d)}
            aria-label={t(d.feeMinor === null ? 'fees.setOf' : 'fees.changeOf', { name: d.departmentName })}
          >
            {d.feeMinor === null ? t('fees.set') : t('fees.change')}
          </Button>
          {d.feeMinor !== null && (
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="red"
              title={t('fees.clearTitle', { name: d.departmentName })}
              message={t('fees.clearMessage', { name: d.departmentName })}
              confirmLabel={t('fees.clear')}
              destructive
              onConfirm={() => clear(d)}
              aria-label={t('fees.clearOf', { name: d.departmentName })}
            >
              {t('fees.clear')}
            </ConfirmButton>
          )}
        </Group>
      ),
    },
  ];

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('fees.description')}
      </Text>
      {fees.isPending && <TableSkeleton rows={4} />}
      {fees.isError && <LoadError error={fees.error} onRetry={() => void fees.refetch()} />}
      {fees.data && (
        <DataTable
          caption={t('fees.title')}
          columns={columns}
          rows={fees.data.items}
          rowKey={(d) => d.departmentId}
          empty={
            <TableEmpty>
              <EmptyState
                icon={<IconBuildingHospital size={28} aria-hidden />}
                withIndicatorBackground
                title={t('fees.emptyTitle')}
                description={t('fees.emptyBody')}
              />
            </TableEmpty>
          }
        />
      )}
      {editing && (
        <DepartmentFeeModal department={editing} currency={currency} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
