import { ActionIcon, Anchor, Badge, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDotsVertical } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BoardBed } from '../../../contracts/wards';
import { patch, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import type { PatientRef } from './AdmitDialog';
import { STATE_COLOR, takesPatient } from './board';
import { wardErrorMessage } from './errors';
import { refreshWards } from './queries';

/** What a tile asks the board to open: a dialog about this bed. */
export type BedDialog =
  | { kind: 'admit'; bedId: string; patient?: PatientRef }
  | { kind: 'reserve'; bed: { id: string; label: string } }
  | { kind: 'cancelReservation'; reservationId: string; patientName: string; bedLabel: string }
  | { kind: 'transfer'; admissionId: string; patientName: string; fromBed: { id: string; label: string } }
  | { kind: 'discharge'; admissionId: string; patientName: string };

/** The states a person may set by hand, from each state (hospital admins: `wards:manage`). */
const SETTABLE: Record<BoardBed['state'], ('available' | 'reserved' | 'maintenance')[]> = {
  available: ['reserved', 'maintenance'],
  reserved: ['available', 'maintenance'],
  cleaning: ['maintenance'],
  maintenance: ['available'],
  occupied: [],
};

/** What a tile tells the board: a dialog to open, and its menu opening (true) and closing (false). */
export interface TileEvents {
  onOpen: (dialog: BedDialog) => void;
  onMenu: (open: boolean) => void;
}

/**
 * One bed on the board: label, room, type, state (colour and words), its patient, and what can be
 * done. `onMenu(false)` also comes when the tile goes with its menu open.
 */
export function BedTile({ bed, onOpen, onMenu }: { bed: BoardBed } & TileEvents) {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    if (!menuOpen) return;
    onMenu(true);
    return () => onMenu(false);
  }, [menuOpen, onMenu]);
  const f = useFormat();
  const { can } = useSession();
  const client = useQueryClient();
  const admit = can('admissions:manage');
  const setUp = can('wards:manage');
  const p = bed.patient;
  const r = bed.reservation;

  const act = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      notifySuccess(done);
      await refreshWards(client);
    } catch (err) {
      // Someone else changed the bed first: say so, and show the board as it is now.
      notifications.show({
        color: 'red',
        title: t('errors.title'),
        message: wardErrorMessage(err, 'bedState'),
      });
      await refreshWards(client);
    }
  };

  const items = [
    admit && r && (
      <Menu.Item
        key="admit-named"
        onClick={() =>
          onOpen({ kind: 'admit', bedId: bed.id, patient: { id: r.patientId, name: r.name, mrn: r.mrn } })
        }
      >
        {t('reservations.admitNamed', { name: r.name })}
      </Menu.Item>
    ),
    admit && takesPatient(bed) && (
      <Menu.Item key="admit" onClick={() => onOpen({ kind: 'admit', bedId: bed.id })}>
        {t('wards.board.admit')}
      </Menu.Item>
    ),
    admit && r && (
      <Menu.Item
        key="cancel-reservation"
        onClick={() =>
          onOpen({ kind: 'cancelReservation', reservationId: r.id, patientName: r.name, bedLabel: bed.label })
        }
      >
        {t('reservations.cancel')}
      </Menu.Item>
    ),
    admit && !r && takesPatient(bed) && (
      <Menu.Item
        key="reserve"
        onClick={() => onOpen({ kind: 'reserve', bed: { id: bed.id, label: bed.label } })}
      >
        {t('reservations.reserve')}
      </Menu.Item>
    ),
    admit && p && (
      <Menu.Item key="open" component={Link} to={`/app/admissions/${p.admissionId}`}>
        {t('wards.board.openAdmission')}
      </Menu.Item>
    ),
    admit && p && (
      <Menu.Item
        key="transfer"
        onClick={() =>
          onOpen({
            kind: 'transfer',
            admissionId: p.admissionId,
            patientName: p.name,
            fromBed: { id: bed.id, label: bed.label },
          })
        }
      >
        {t('wards.board.transfer')}
      </Menu.Item>
    ),
    admit && p && (
      <Menu.Item
        key="discharge"
        onClick={() => onOpen({ kind: 'discharge', admissionId: p.admissionId, patientName: p.name })}
      >
        {t('wards.board.discharge')}
      </Menu.Item>
    ),
    admit && bed.state === 'cleaning' && (
      <Menu.Item
        key="ready"
        onClick={() =>
          void act(
            () => post(`/api/wards/beds/${bed.id}/ready`),
            t('wards.board.madeReady', { bed: bed.label }),
          )
        }
      >
        {t('wards.board.markReady')}
      </Menu.Item>
    ),
    // A bed a reservation holds changes state only through the reservation (cancel it first).
    ...(setUp && !r
      ? SETTABLE[bed.state].map((state) => (
          <Menu.Item
            key={state}
            onClick={() =>
              void act(
                () => patch(`/api/wards/beds/${bed.id}`, { state }),
                t('wards.board.stateSet', { bed: bed.label, state: t(`wards.states.${state}`) }),
              )
            }
          >
            {t(`wards.board.setState.${state}`)}
          </Menu.Item>
        ))
      : []),
  ].filter(Boolean);

  return (
    <Paper
      withBorder
      p="sm"
      data-testid="bed-tile"
      data-state={bed.state}
      style={{ borderLeft: `6px solid var(--mantine-color-${STATE_COLOR[bed.state]}-6)`, minWidth: 0 }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {bed.label}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {bed.roomName} · {t(`wards.bedTypes.${bed.bedType}`)}
          </Text>
        </Stack>
        {items.length > 0 && (
          <Menu position="bottom-end" withinPortal opened={menuOpen} onChange={setMenuOpen}>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('wards.board.actionsFor', { bed: bed.label })}
              >
                <IconDotsVertical size={18} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>{items}</Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Badge mt={6} variant="light" color={STATE_COLOR[bed.state]} tt="none">
        {t(`wards.states.${bed.state}`)}
      </Badge>
      {p && (
        <Stack gap={0} mt={6}>
          {admit ? (
            <Anchor
              component={Link}
              to={`/app/admissions/${p.admissionId}`}
              size="sm"
              fw={500}
              style={{ overflowWrap: 'anywhere' }}
            >
              {p.name}
            </Anchor>
          ) : (
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {p.name}
            </Text>
          )}
          {p.mrn && (
            <Text size="xs" c="dimmed">
              {p.mrn}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('wards.board.since', { when: f.dateTime(p.admittedAt) })}
          </Text>
        </Stack>
      )}
      {r && (
        <Stack gap={0} mt={6} data-testid="bed-reservation">
          <Text size="xs" c="dimmed">
            {t('reservations.tile.for')}
          </Text>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {r.name}
          </Text>
          {r.mrn && <Text size="xs">{r.mrn}</Text>}
          <Text size="xs">{t('reservations.tile.from', { when: f.dateTime(r.from) })}</Text>
          <Text size="xs">{t('reservations.tile.until', { when: f.dateTime(r.until) })}</Text>
          {r.reason && (
            <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {r.reason}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
