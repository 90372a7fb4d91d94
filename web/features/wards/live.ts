import { useQueryClient } from '@tanstack/react-query';
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
