import {
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconBed, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BED_STATES, type BedState } from '../../../contracts/wards';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { CardsSkeleton } from '../../components/Skeletons';
import { useSession } from '../../lib/session';
import { useListParams } from '../../components/PagedList';
import { AdmitDialog } from './AdmitDialog';
import { filterBoard, type BoardWard } from './board';
import { BedTile, type BedDialog, type TileEvents } from './BedTile';
import { CancelReservationDialog } from './CancelReservationDialog';
import { DischargeDialog } from './DischargeDialog';
import { FreeSummary } from './FreeSummary';
import { LiveIndicator } from './LiveIndicator';
import { useHeldBoard, useLiveBedBoard } from './live';
import { ReserveDialog } from './ReserveDialog';
import { TransferDialog } from './TransferDialog';

/** Every bed of the open wards, live: its state, its patient, and what can be done with it. */
export default function BedBoardPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { board, link } = useLiveBedBoard();
  const { shown, waiting, hold } = useHeldBoard(board.data);
  const { params, set } = useListParams();
  const [dialog, setDialog] = useState<BedDialog | null>(null);
  const stateParam = params.get('state');
  const state = (BED_STATES as readonly string[]).includes(stateParam ?? '')
    ? (stateParam as BedState)
    : null;
  const wardId = params.get('ward');

  return (
    <>
      <PageHeader
        title={t('wards.board.title')}
        description={t('wards.board.description')}
        actions={
          <>
            <LiveIndicator link={link} waiting={waiting} />
            {can('wards:manage') && (
              <Button
                component={Link}
                to="/app/wards-setup"
                variant="default"
                leftSection={<IconSettings size={16} aria-hidden />}
              >
                {t('wards.board.setUp')}
              </Button>
            )}
          </>
        }
      />
      {board.isError && !shown ? (
        <LoadError error={board.error} onRetry={() => void board.refetch()} />
      ) : !shown ? (
        <CardsSkeleton />
      ) : shown.wards.length === 0 ? (
        <Card>
          <EmptyState
            icon={<IconBed size={28} aria-hidden />}
            withIndicatorBackground
            title={t('wards.board.emptyTitle')}
            description={can('wards:manage') ? t('wards.board.emptyBodyAdmin') : t('wards.board.emptyBody')}
          />
        </Card>
      ) : (
        <Stack>
          <FreeSummary board={shown} />
          <SimpleGrid cols={2} maw={560}>
            <Select
              label={t('wards.board.wardFilter')}
              placeholder={t('wards.board.allWards')}
              data={shown.wards.map((w) => ({ value: w.id, label: w.name }))}
              value={wardId}
              onChange={(v) => set('ward', v)}
              clearable
            />
            <Select
              label={t('wards.board.stateFilter')}
              placeholder={t('wards.board.allStates')}
              data={BED_STATES.map((s) => ({ value: s, label: t(`wards.states.${s}`) }))}
              value={state}
              onChange={(v) => set('state', v)}
              clearable
            />
          </SimpleGrid>
          {filterBoard(shown, { wardId, state }).map((w) => (
            <WardBeds key={w.id} ward={w} onOpen={setDialog} onMenu={hold} />
          ))}
        </Stack>
      )}
      {dialog?.kind === 'admit' && (
        <AdmitDialog bedId={dialog.bedId} patient={dialog.patient} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'reserve' && <ReserveDialog bed={dialog.bed} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'cancelReservation' && (
        <CancelReservationDialog
          reservationId={dialog.reservationId}
          patientName={dialog.patientName}
          bedLabel={dialog.bedLabel}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'transfer' && (
        <TransferDialog
          admissionId={dialog.admissionId}
          patientName={dialog.patientName}
          fromBed={dialog.fromBed}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'discharge' && (
        <DischargeDialog
          admissionId={dialog.admissionId}
          patientName={dialog.patientName}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}

function WardBeds({ ward, onOpen, onMenu }: { ward: BoardWard } & TileEvents) {
  const { t } = useTranslation();
  return (
    <Card component="section" aria-labelledby={`ward-${ward.id}`} data-testid="board-ward">
      <Group justify="space-between" align="baseline" mb="sm" gap="xs">
        <Group gap="xs" align="baseline">
          <Title order={2} fz="h4" id={`ward-${ward.id}`}>
            {ward.name}
          </Title>
          <Badge variant="light" color="gray" tt="none">
            {t(`wards.kinds.${ward.kind}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('wards.board.wardFree', { count: ward.free })}
          {ward.freeByType.length > 0 &&
            ` (${ward.freeByType.map((c) => `${t(`wards.bedTypes.${c.bedType}`)} ${c.free}`).join(', ')})`}
        </Text>
      </Group>
      {ward.beds.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('wards.board.noBeds')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 4, xl: 6 }} spacing="sm">
          {ward.beds.map((b) => (
            <BedTile key={b.id} bed={b} onOpen={onOpen} onMenu={onMenu} />
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}
