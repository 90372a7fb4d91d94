import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { Me, Session } from '../../contracts/identity';
import type { Permission } from '../../contracts/permissions';
import { api, ApiError, getActiveHospital, setActiveHospital, setCsrfToken } from './api';

export const ME_KEY = ['me'] as const;

/**
 * The signed-in person, or null when nobody is. Asked of /api/auth/session, which answers nobody
 * with null where /api/auth/me answers 401 (a failed request in the console of every visitor).
 * A stale stored hospital is dropped, not fatal.
 */
async function fetchMe(): Promise<Me | null> {
  try {
    return signedIn(await api<Session>('GET', '/api/auth/session'));
  } catch (err) {
    // The hospital in storage is one the person no longer works at: forget it and ask again.
    if (
      err instanceof ApiError &&
      getActiveHospital() &&
      (err.code === 'HOSPITAL_ACCESS_DENIED' || err.code === 'BAD_REQUEST')
    ) {
      setActiveHospital(null);
      return signedIn(await api<Session>('GET', '/api/auth/session', { withoutHospital: true }));
    }
    throw err;
  }
}

function signedIn({ me }: Session): Me | null {
  if (me) return remember(me);
  setCsrfToken(null);
  return null;
}

function remember(me: Me): Me {
  setCsrfToken(me.csrfToken);
  const stored = getActiveHospital();
  if (me.activeHospitalId && stored !== me.activeHospitalId) setActiveHospital(me.activeHospitalId);
  if (!me.activeHospitalId && stored) setActiveHospital(null);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in person inside the authenticated shell (which only renders once `me` is known). */
export function useSession() {
  const { data } = useMe();
  if (!data) throw new Error('useSession used outside the signed-in shell');
  const me = data;
  const can = useCallback((...anyOf: Permission[]) => anyOf.some((p) => me.permissions.includes(p)), [me]);
  const hospitals = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of me.memberships)
      if (m.hospitalId && !seen.has(m.hospitalId)) seen.set(m.hospitalId, m.hospitalName ?? m.hospitalId);
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [me]);
  const activeHospital = hospitals.find((h) => h.id === me.activeHospitalId) ?? null;
  return { me, can, hospitals, activeHospital };
}

/** Switches the hospital a staff member acts in: every cached answer belonged to the old one. */
export function useSwitchHospital() {
  const client = useQueryClient();
  return useCallback(
    async (hospitalId: string) => {
      setActiveHospital(hospitalId);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      await client.invalidateQueries({ queryKey: ME_KEY });
    },
    [client],
  );
}
