import { Badge, Box, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { QueueBoard, QueueBoardDoctor } from '../../../contracts/queue';

type Link = 'connecting' | 'live' | 'reconnecting' | 'not-found';

/** How long to wait before opening the stream again when the browser has given up on it. */
const RETRY_MS = 5000;

/**
 * The board of a hospital, live: read once (to tell an unknown hospital from a network failure),
 * then server-sent events: the whole board on connect and after every change. The browser's
 * EventSource reconnects by itself after a dropped connection; after a refusal (a server
 * restarting, too many screens) it stops, so this opens it again after a pause.
 */
function useLiveBoard(slug: string) {
  const [board, setBoard] = useState<QueueBoard | null>(null);
  const [link, setLink] = useState<Link>('connecting');
  useEffect(() => {
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const base = `/api/public/hospitals/${encodeURIComponent(slug)}/queue`;
    const again = () => {
      if (!stopped) timer = setTimeout(() => void open(), RETRY_MS);
    };
    const open = async () => {
      try {
        const res = await fetch(base, { headers: { accept: 'application/json' } });
        if (stopped) return;
        if (res.status === 404 || res.status === 400) return setLink('not-found');
        if (!res.ok) return again();
        setBoard((await res.json()) as QueueBoard);
      } catch {
        setLink('reconnecting');
        return again();
      }
      if (stopped) return;
      source = new EventSource(`${base}/events`);
      source.addEventListener('board', (e) => {
        setBoard(JSON.parse((e as MessageEvent<string>).data) as QueueBoard);
        setLink('live');
      });
      source.onerror = () => {
        setLink('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          source = null;
          again();
        }
      };
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [slug]);
  return { board, link };
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
