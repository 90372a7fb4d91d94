import { Badge, Box, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { QueueBoard, QueueBoardDoctor } from '../../../contracts/queue';
import { useEventStream } from '../../lib/event-stream';

/**
 * The board of a hospital, live: read once (to tell an unknown hospital from a network failure),
 * then server-sent events: the whole board on connect and after every change.
 */
function useLiveBoard(slug: string) {
  const [board, setBoard] = useState<QueueBoard | null>(null);
  const [notFound, setNotFound] = useState(false);
  const base = `/api/public/hospitals/${encodeURIComponent(slug)}/queue`;
  const link = useEventStream<QueueBoard>({
    url: `${base}/events`,
    event: 'board',
    onData: setBoard,
    prepare: async () => {
      const res = await fetch(base, { headers: { accept: 'application/json' } });
      // A refusal's body is let go rather than left unread (an unread body keeps its request open).
      if (!res.ok) await res.body?.cancel().catch(() => undefined);
      if (res.status === 404 || res.status === 400) {
        setNotFound(true);
        return false;
      }
      if (!res.ok) throw new Error(`The queue answered ${res.status}`);
      setBoard((await res.json()) as QueueBoard);
      return true;
    },
  });
  return { board, link: notFound ? ('not-found' as const) : link };
}

/** The waiting room's screen (a TV, or a phone): per doctor, the token called in and the next ones. */
export default function QueueScreenPage() {
  const { t, i18n } = useTranslation();
  const { hospitalSlug = '' } = useParams();
  const { board, link } = useLiveBoard(hospitalSlug);
  useDocumentTitle(t('queue.screenTitle', { hospital: board?.hospitalName ?? hospitalSlug.toUpperCase() }));
  const time = board
    ? new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone: board.timeZone }).format(
        new Date(board.at),
      )
    : null;

  return (
    <Box
      mih="100vh"
      p={{ base: 'md', md: 'xl' }}
      style={{ background: '#0b1d33', color: '#ffffff' }}
      data-testid="queue-screen"
    >
      <Group justify="space-between" align="center" mb={{ base: 'md', md: 'xl' }} gap="sm">
        <Title order={1} fz={{ base: 26, md: 48 }} c="white" style={{ overflowWrap: 'anywhere' }}>
          {board?.hospitalName ?? hospitalSlug.toUpperCase()}
        </Title>
        <Group gap="sm">
          {link === 'reconnecting' && (
            <Badge color="orange" size="lg" tt="none" role="status">
              {t('queue.reconnecting')}
            </Badge>
          )}
          {time && (
            <Text fz={{ base: 14, md: 22 }} c="gray.4">
              {t('queue.updated', { time })}
            </Text>
          )}
        </Group>
      </Group>
      {link === 'not-found' && (
        <Text fz={{ base: 22, md: 40 }} ta="center" mt="xl" role="alert">
          {t('queue.hospitalNotFound')}
        </Text>
      )}
      {board && board.doctors.length === 0 && (
        <Text fz={{ base: 22, md: 40 }} ta="center" mt="xl" c="gray.3">
          {t('queue.noQueuesYet')}
        </Text>
      )}
      {board && board.doctors.length > 0 && (
        <SimpleGrid
          cols={{ base: 1, sm: 2, xl: board.doctors.length > 4 ? 3 : 2 }}
          spacing={{ base: 'md', md: 'xl' }}
        >
          {board.doctors.map((d) => (
            <DoctorQueue key={d.doctorId} doctor={d} />
          ))}
        </SimpleGrid>
      )}
    </Box>
  );
}

function DoctorQueue({ doctor: d }: { doctor: QueueBoardDoctor }) {
  const { t } = useTranslation();
  const more = d.waiting - d.next.length;
  return (
    <Box
      p={{ base: 'md', md: 'lg' }}
      style={{ background: '#132f52', borderRadius: 16, border: '2px solid #24507f' }}
      data-testid="queue-doctor"
    >
      <Text fz={{ base: 22, md: 36 }} fw={700} mb="sm" style={{ overflowWrap: 'anywhere' }}>
        {d.doctorName}
      </Text>
      <Group align="stretch" gap="xl" wrap="wrap">
        <Stack gap={0} style={{ flex: '0 0 auto' }}>
          <Text fz={{ base: 16, md: 26 }} c="yellow.3" fw={600} tt="uppercase">
            {t('queue.nowSeeing')}
          </Text>
          <Text fz={{ base: 64, md: 120 }} fw={800} lh={1} c="yellow.3" data-testid="queue-current">
            {d.current ? d.current.token : t('queue.noneCalled')}
          </Text>
          {d.current && (
            <Text fz={{ base: 18, md: 30 }} c="gray.2">
              {d.current.initials}
            </Text>
          )}
        </Stack>
        <Stack gap={4} style={{ flex: '1 1 10rem', minWidth: 0 }}>
          <Text fz={{ base: 16, md: 26 }} c="cyan.2" fw={600} tt="uppercase">
            {t('queue.next')}
          </Text>
          {d.next.length === 0 && (
            <Text fz={{ base: 18, md: 28 }} c="gray.4">
              {t('queue.noneWaiting')}
            </Text>
          )}
          {d.next.map((n) => (
            <Group key={n.token} gap="md" wrap="nowrap" data-testid="queue-next">
              <Text fz={{ base: 28, md: 48 }} fw={700} lh={1.1} miw="3ch">
                {n.token}
              </Text>
              <Text fz={{ base: 18, md: 28 }} c="gray.3">
                {n.initials}
              </Text>
            </Group>
          ))}
          {more > 0 && (
            <Text fz={{ base: 16, md: 24 }} c="gray.4">
              {t('queue.waitingMore', { count: more })}
            </Text>
          )}
        </Stack>
      </Group>
    </Box>
  );
}
