import { useQuery } from '@tanstack/react-query';
import type { DoctorProfile, DoctorStatus } from '../../../contracts/organisation';
import { getAllPages } from '../../lib/api';

/**
 * The active hospital's doctor profiles, every page of them (a large hospital has hundreds), by
 * status or all. Switching hospitals clears the cache, so the key needs no hospital.
 */
export function useDoctorProfiles(status: DoctorStatus | 'all', enabled = true) {
  return useQuery({
    queryKey: ['doctors', status],
    queryFn: ({ signal }) =>
      getAllPages<DoctorProfile>('/api/doctors', { status: status === 'all' ? undefined : status }, signal),
    enabled,
  });
}
