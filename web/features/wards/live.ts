import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { BedBoard } from '../../../contracts/wards';
import { ApiError } from '../../lib/api';
import { useEventStream } from '../../lib/event-stream';
import { useSession } from '../../lib/session';
import { BOARD_KEY, fetchBoard, useBedBoard } from './queries';

/**
 * The bed board, kept current by the server's stream: the whole board on connect and after every
 * bed change on any app instance. The stream ends every few minutes (so an ended session stops
 * seeing patients) and the browser opens it again; after a refusal the board is read through the
 * API first, which also sends a signed-out person to sign in.
 */
export function useLiveBedBoard() {
  const client = useQueryClient();
  const { me } = useSession();
  const board = useBedBoard();
  const hospitalId = me.activeHospitalId;
  const link = useEventStream<BedBoard>({
    url: hospitalId ? `/api/hospitals/${hospitalId}/bed-board/events` : null,
    event: 'board',
    onData: (data) => client.setQueryData(BOARD_KEY, data),
    prepare: async () => {
      try {
        // A board read in the last few seconds (the page's own, or the stream's last) will do.
        await client.fetchQuery({
          queryKey: BOARD_KEY,
          queryFn: ({ signal }) => fetchBoard(signal),
          staleTime: 5000,
        });
        return true;
      } catch (err) {
        if (err instanceof ApiError && [401, 403, 404].includes(err.status)) return false;
        throw err;
      }
    },
  });
  return { board, link };
}

/**
 * The board as shown: while any bed's menu is open it holds still, so the menu's items stay under
 * the pointer when a change elsewhere (a bed taken, a ward added above) would move them; the latest
 * board shows as soon as the last menu closes. `hold(true)` and `hold(false)` come in pairs, one pair
 * per open menu. The server still checks every action against the bed as it is now.
 */
export function useHeldBoard(latest: BedBoard | undefined) {
  const [openMenus, setOpenMenus] = useState(0);
  const [held, setHeld] = useState<BedBoard | null>(null);
  // Taken while rendering, from the board the person was looking at when the menu opened.
  if (openMenus > 0 && held === null && latest) setHeld(latest);
  if (openMenus === 0 && held !== null) setHeld(null);
  const hold = useCallback(
    (opening: boolean) => setOpenMenus((n) => Math.max(0, n + (opening ? 1 : -1))),
    [],
  );
  const shown = held ?? latest;
  return { shown, waiting: held !== null && latest !== held, hold };
}
