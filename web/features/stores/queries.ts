import { queryOptions } from '@tanstack/react-query';
import type { Store } from '../../../contracts/pharmacy';
import { get } from '../../lib/api';

/**
 * The active hospital's stores, as the API lists them. Every screen that reads them shares this
 * query and picks what it needs with `select`: one key cached in two shapes (a list here, the
 * API's `{ items }` there) broke the Stores page when opened from a screen that had read the other.
 */
export const storesQuery = queryOptions({
  queryKey: ['stores'],
  queryFn: ({ signal }) => get<{ items: Store[] }>('/api/stores', undefined, signal),
});
