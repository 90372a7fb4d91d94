import { Button, Card, EmptyState, Group, Stack, Switch } from '@mantine/core';
import { IconBed, IconLayoutGrid, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Bed } from '../../../contracts/wards';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { CardsSkeleton } from '../../components/Skeletons';
import { useSession } from '../../lib/session';
import { BedDayRuleCard } from './BedDayRuleCard';
import { BedModal } from './BedModal';
import { NameModal, type NameTarget } from './NameModal';
import { refreshWards, useWardList } from './queries';
import { WardSetupCard } from './WardSetupCard';

/** A bed to add to a room, or a bed to change. */
export interface BedTarget {
  roomId: string;
  roomName: string;
  bed: Bed | null;
}

/**
 * The hospital admin's ward set-up: wards, their rooms and beds with type and daily rate; closing
 * a ward or room (only with nobody in it) and deactivating beds, never deleting what held patients.
 */
export default function WardSetupPage() {
  const { t } = useTranslation();
  const { activeHospital } = useSession();
  const client = useQueryClient();
  const wards = useWardList();
  const [showClosed, setShowClosed] = useState(false);
  const [naming, setNaming] = useState<NameTarget | null>(null);
  const [bedTarget, setBedTarget] = useState<BedTarget | null>(null);
  const refresh = useCallback(() => refreshWards(client), [client]);
  const list = (wards.data?.items ?? []).filter((w) => showClosed || w.active);

  return (
    <>
      <PageHeader
        title={t('wards.setup.title')}
        description={activeHospital?.name}
        actions={
          <>
            <Button
              component={Link}
              to="/app/beds"
              variant="default"
              leftSection={<IconLayoutGrid size={16} aria-hidden />}
            >
              {t('wards.setup.toBoard')}
            </Button>
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setNaming({ what: 'ward', ward: null })}
            >
              {t('wards.setup.addWard')}
            </Button>
          </>
        }
      />
      {wards.isError ? (
        <LoadError error={wards.error} onRetry={() => void wards.refetch()} />
      ) : wards.isPending ? (
        <CardsSkeleton count={2} />
      ) : (
        <Stack>
          <Group>
            <Switch
              label={t('wards.setup.showClosed')}
              checked={showClosed}
              onChange={(e) => setShowClosed(e.currentTarget.checked)}
            />
          </Group>
          {list.length === 0 ? (
            <Card>
              <EmptyState
                icon={<IconBed size={28} aria-hidden />}
                withIndicatorBackground
                title={t('wards.setup.emptyTitle')}
                description={t('wards.setup.emptyBody')}
              />
            </Card>
          ) : (
            list.map((w) => (
              <WardSetupCard
                key={w.id}
                ward={w}
                currency={wards.data.currency}
                showClosed={showClosed}
                onName={setNaming}
                onBed={setBedTarget}
                refresh={refresh}
              />
            ))
          )}
          <BedDayRuleCard />
        </Stack>
      )}
      {naming && <NameModal target={naming} onClose={() => setNaming(null)} onSaved={refresh} />}
      {bedTarget && wards.data && (
        <BedModal
          {...bedTarget}
          currency={wards.data.currency}
          onClose={() => setBedTarget(null)}
          onSaved={refresh}
        />
      )}
    </>
  );
}
