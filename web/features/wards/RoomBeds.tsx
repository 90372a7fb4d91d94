import { Badge, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Bed } from '../../../contracts/wards';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable, type Column } from '../../components/DataTable';
import { del, patch } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { STATE_COLOR } from './board';
import { wardErrorMessage } from './errors';

/** The beds of a room: label, type, daily rate, state; change, deactivate, or delete one never used. */
export function RoomBeds({
  beds,
  roomName,
  currency,
  onEdit,
  refresh,
}: {
  beds: Bed[];
  roomName: string;
  currency: string;
  onEdit: (bed: Bed) => void;
  refresh: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const columns: Column<Bed>[] = [
    {
      key: 'label',
      header: t('wards.setup.bedLabel'),
      cell: (b) => (
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {b.label}
          </Text>
          {!b.active && (
            <Badge color="gray" variant="outline" tt="none" size="sm">
              {t('wards.setup.inactive')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'type', header: t('wards.setup.bedType'), cell: (b) => t(`wards.bedTypes.${b.bedType}`) },
    {
      key: 'rate',
      header: t('wards.setup.dailyRateShort'),
      cell: (b) => f.money(b.dailyRateMinor, currency),
      nowrap: true,
    },
    {
      key: 'state',
      header: t('wards.setup.state'),
      cell: (b) => (
        <Badge variant="light" color={STATE_COLOR[b.state]} tt="none">
          {t(`wards.states.${b.state}`)}
        </Badge>
      ),
      nowrap: true,
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (b) => (
        <Group gap={6} wrap="wrap">
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => onEdit(b)}
            aria-label={t('wards.setup.editBed', { bed: b.label })}
          >
            {t('actions.edit')}
          </Button>
          <ConfirmButton
            size="compact-sm"
            variant="subtle"
            color={b.active ? 'red' : undefined}
            title={
              b.active
                ? t('wards.setup.deactivateTitle', { bed: b.label })
                : t('wards.setup.reactivateTitle', { bed: b.label })
            }
            message={b.active ? t('wards.setup.deactivateMessage') : t('wards.setup.reactivateMessage')}
            confirmLabel={b.active ? t('wards.setup.deactivate') : t('wards.setup.reactivate')}
            destructive={b.active}
            describeError={(err) => wardErrorMessage(err, 'saveBed')}
            onConfirm={async () => {
              await patch(`/api/wards/beds/${b.id}`, { active: !b.active });
              notifySuccess(t('wards.setup.bedSaved', { bed: b.label }));
              await refresh();
            }}
          >
            {b.active ? t('wards.setup.deactivate') : t('wards.setup.reactivate')}
          </ConfirmButton>
          <ConfirmButton
            size="compact-sm"
            variant="subtle"
            color="red"
            title={t('wards.setup.deleteTitle', { bed: b.label })}
            message={t('wards.setup.deleteMessage')}
            confirmLabel={t('wards.setup.delete')}
            destructive
            describeError={(err) => wardErrorMessage(err, 'deleteBed')}
            onConfirm={async () => {
              await del(`/api/wards/beds/${b.id}`);
              notifySuccess(t('wards.setup.bedDeleted', { bed: b.label }));
              await refresh();
            }}
          >
            {t('wards.setup.delete')}
          </ConfirmButton>
        </Group>
      ),
    },
  ];
  return (
    <DataTable
      caption={t('wards.setup.bedsOf', { room: roomName })}
      columns={columns}
      rows={beds}
      rowKey={(b) => b.id}
      empty={
        <Text size="sm" c="dimmed">
          {t('wards.setup.noBeds')}
        </Text>
      }
    />
  );
}
