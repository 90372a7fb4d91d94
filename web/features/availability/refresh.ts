import { useQueryClient } from '@tanstack/react-query';

/** After a change: the availability shown and every free-slot list read from it. */
export function useRefreshAvailability() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['availability'] }),
      client.invalidateQueries({ queryKey: ['slots'] }),
    ]);
}
