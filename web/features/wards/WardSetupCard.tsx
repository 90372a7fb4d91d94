import { Badge, Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Room, Ward } from '../../../contracts/wards';
import { ConfirmButton } from '../../components/ConfirmButton';
import { patch } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { wardErrorMessage } from './errors';
import type { NameTarget } from './NameModal';
import { RoomBeds } from './RoomBeds';
import type { BedTarget } from './WardSetupPage';

interface Props {
  ward: Ward;
  currency: string;
  showClosed: boolean;
  onName: (target: NameTarget) => void;
  onBed: (target: BedTarget) => void;
  refresh: () => Promise<unknown>;
}

function ClosedBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="outline" tt="none">
      {t('wards.setup.closed')}
    </Badge>
  );
}

/** Closes or reopens a ward or a room; closing is refused while patients lie in its beds. */
function CloseButton({
  path,
  name,
  active,
  what,
  refresh,
}: {
  path: string;
  name: string;
  active: boolean;
  what: 'ward' | 'room';
  refresh: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmButton
      size="compact-sm"
      variant="subtle"
      color={active ? 'red' : undefined}
      title={active ? t(`wards.setup.close.${what}Title`, { name }) : t('wards.setup.reopenTitle', { name })}
      message={active ? t(`wards.setup.close.${what}Message`) : t('wards.setup.reopenMessage')}
      confirmLabel={active ? t(`wards.setup.close.${what}Confirm`) : t('wards.setup.reopen')}
      destructive={active}
      describeError={(err) => wardErrorMessage(err, what === 'ward' ? 'closeWard' : 'closeRoom')}
      onConfirm={async () => {
        await patch(path, { active: !active });
        notifySuccess(t(active ? 'wards.setup.closedDone' : 'wards.setup.reopenedDone', { name }));
        await refresh();
      }}
      aria-label={active ? t('wards.setup.close.named', { name }) : t('wards.setup.reopenNamed', { name })}
    >
      {active ? t('wards.setup.close.confirm') : t('wards.setup.reopen')}
    </ConfirmButton>
  );
}

/** A ward in the set-up: its name, kind and state, and each of its rooms with the room's beds. */
export function WardSetupCard({ ward, currency, showClosed, onName, onBed, refresh }: Props) {
  const { t } = useTranslation();
  const rooms = ward.rooms.filter((r) => showClosed || r.active);
  return (
    <Card component="section" aria-labelledby={`setup-ward-${ward.id}`} data-testid="setup-ward">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Group gap="xs" align="baseline">
          <Title order={2} fz="h4" id={`setup-ward-${ward.id}`}>
            {ward.name}
          </Title>
          <Badge variant="light" color="gray" tt="none">
            {t(`wards.kinds.${ward.kind}`)}
          </Badge>
          {!ward.active && <ClosedBadge />}
        </Group>
        <Group gap={6}>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => onName({ what: 'ward', ward })}
            aria-label={t('wards.setup.editWard', { name: ward.name })}
          >
            {t('actions.edit')}
          </Button>
          <CloseButton
            path={`/api/wards/${ward.id}`}
            name={ward.name}
            active={ward.active}
            what="ward"
            refresh={refresh}
          />
          {ward.active && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => onName({ what: 'room', wardId: ward.id, wardName: ward.name, room: null })}
            >
              {t('wards.setup.addRoom')}
            </Button>
          )}
        </Group>
      </Group>
      {rooms.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('wards.setup.noRooms')}
        </Text>
      ) : (
        <Stack gap="md" mt="sm">
          {rooms.map((r) => (
            <RoomSection
              key={r.id}
              ward={ward}
              room={r}
              currency={currency}
              {...{ onName, onBed, refresh, showClosed }}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function RoomSection({
  ward,
  room,
  currency,
  showClosed,
  onName,
  onBed,
  refresh,
}: Omit<Props, 'ward'> & { ward: Ward; room: Room }) {
  const { t } = useTranslation();
  return (
    <div data-testid="setup-room">
      <Divider mb="sm" />
      <Group justify="space-between" align="center" gap="xs" mb="xs">
        <Group gap="xs">
          <Title order={3} fz="h5">
            {room.name}
          </Title>
          {!room.active && <ClosedBadge />}
        </Group>
        <Group gap={6}>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => onName({ what: 'room', wardId: ward.id, wardName: ward.name, room })}
            aria-label={t('wards.setup.renameRoom', { name: room.name })}
          >
            {t('wards.setup.rename')}
          </Button>
          <CloseButton
            path={`/api/wards/rooms/${room.id}`}
            name={room.name}
            active={room.active}
            what="room"
            refresh={refresh}
          />
          {room.active && ward.active && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => onBed({ roomId: room.id, roomName: room.name, bed: null })}
            >
              {t('wards.setup.addBed')}
            </Button>
          )}
        </Group>
      </Group>
      <RoomBeds
        beds={room.beds.filter((b) => showClosed || b.active)}
        roomName={room.name}
        currency={currency}
        onEdit={(bed) => onBed({ roomId: room.id, roomName: room.name, bed })}
        refresh={refresh}
      />
    </div>
  );
}
