// The worklist's search box as a scanning station: Enter on an accession number opens its order.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { LabOrderPage } from '../../../contracts/lab-orders';
import { get } from '../../lib/api';
import { notifyError } from '../../lib/forms';
import { findSample, orderNumberOf, scannedAccession } from './lab-scan';

/**
 * `scan(text)` looks a scanned accession number up and opens its order, answering whether the
 * text was one (anything else is left to the search as typed); `missing` is the last scanned
 * number no sample of the hospital has, until the text changes (`clear`).
 */
export function useSampleScan() {
  const navigate = useNavigate();
  const [missing, setMissing] = useState<string | null>(null);
  const lookup = useMutation({
    // The order's number finds it whatever its status; the exact sample is then picked from its
    // tests, so a number that only looks like one (a recollected sample's old label) is no match.
    mutationFn: async (accession: string) => {
      const page = await get<LabOrderPage>('/api/lab/orders', {
        status: 'all',
        q: orderNumberOf(accession),
        limit: 20,
      });
      return findSample(page.items, accession);
    },
    onSuccess: (found, accession) => {
      if (found) void navigate(`/app/lab-orders/${found.order.id}`);
      else setMissing(accession);
    },
    onError: notifyError,
  });
  return {
    scan(text: string): boolean {
      const accession = scannedAccession(text);
      if (!accession) return false;
      setMissing(null);
      lookup.mutate(accession);
      return true;
    },
    looking: lookup.isPending,
    missing,
    clear: () => setMissing(null),
  };
}
