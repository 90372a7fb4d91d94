import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { bedNoLongerFree, wardErrorMessage, type WardAction } from './errors';
import { BOARD_KEY, refreshWards } from './queries';

/**
 * Sends a ward change from a dialog: busy while it runs, then every ward screen refreshed; a
 * failure worded for the action (and handed to `onFail`, for a dialog that offers a way on, such as
 * overriding a reservation), and when the bed chosen is no longer free, `onBedGone` (clear the
 * choice) and the free beds read again.
 */
export function useWardSubmit(action: WardAction) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (
    change: () => Promise<unknown>,
    onBedGone?: () => void,
    onFail?: (err: unknown) => void,
  ): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await change();
      await refreshWards(client);
      return true;
    } catch (err) {
      setError(wardErrorMessage(err, action));
      onFail?.(err);
      if (onBedGone && bedNoLongerFree(err)) {
        onBedGone();
        await client.invalidateQueries({ queryKey: BOARD_KEY });
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
