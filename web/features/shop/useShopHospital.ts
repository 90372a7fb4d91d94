import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useHospitals } from './queries';

const KEY = 'hospitium.shop.hospitalId';

const remembered = () => {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
};

/**
 * The hospital the patient shops at: the one in the address (so a link keeps it), else the one
 * they chose last time, else the only one there is. Remembered for the next visit.
 */
export function useShopHospital() {
  const hospitals = useHospitals();
  const [params, setParams] = useSearchParams();
  const list = hospitals.data?.items ?? [];
  const wanted = params.get('hospital') ?? remembered();
  const chosen = list.find((h) => h.id === wanted) ?? (list.length === 1 ? list[0] : undefined) ?? null;

  const choose = useCallback(
    (id: string | null) => {
      const next = new URLSearchParams(params);
      if (id) next.set('hospital', id);
      else next.delete('hospital');
      next.delete('page');
      setParams(next, { replace: true });
    },
    [params, setParams],
  );

  useEffect(() => {
    if (!chosen) return;
    try {
      window.localStorage.setItem(KEY, chosen.id);
    } catch {
      // Not remembered: the patient chooses again next time.
    }
  }, [chosen]);

  return { hospitals, chosen, choose };
}
