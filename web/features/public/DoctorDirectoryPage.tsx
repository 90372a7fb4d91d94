import {
  Badge,
  Button,
  Card,
  Container,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  EmptyState,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { IconCalendarPlus, IconSearch, IconStethoscope } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PublicDoctor, PublicHospital } from '../../../contracts/organisation';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useMe } from '../../lib/session';
import { LoadError } from '../../components/LoadError';
import { CardsSkeleton } from '../../components/Skeletons';
import { TablePager } from '../../components/DataTable';
import { PublicShell } from './PublicShell';

const PAGE_SIZE = 12;

/** The public doctor directory: approved doctors, by hospital, department and name or specialty. */
export default function DoctorDirectoryPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(`${t('directory.title')} · ${t('app.name')}`);
  const q = params.get('q') ?? '';
  const hospitalId = params.get('hospitalId') ?? '';
  const departmentId = params.get('departmentId') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [debouncedQ] = useDebouncedValue(q, 300);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const hospitals = useQuery({
    queryKey: ['public', 'hospitals'],
    queryFn: ({ signal }) => get<{ items: PublicHospital[] }>('/api/public/hospitals', undefined, signal),
    staleTime: 5 * 60_000,
  });
  const doctors = useQuery({
    queryKey: ['public', 'doctors', debouncedQ, hospitalId, departmentId, page],
    queryFn: ({ signal }) =>
      get<{ items: PublicDoctor[]; total: number }>(
        '/api/public/doctors',
        {
          q: debouncedQ.trim() || undefined,
          hospitalId,
          departmentId,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const hospital = hospitals.data?.items.find((h) => h.id === hospitalId);
  // "Book": signed out, through sign-in to booking this doctor; a patient books; the front desk books for a patient.
  const me = useMe();
  const perms = me.data?.permissions ?? [];
  const bookLink = (d: PublicDoctor): string | null => {
    if (me.data && !perms.includes('appointments:book-own')) {
      return perms.includes('appointments:book') && me.data.activeHospitalId === d.hospital.id
        ? `/app/book-appointment?doctorId=${d.id}`
        : null;
    }
    const q = new URLSearchParams({ hospitalId: d.hospital.id, doctorId: d.id });
    if (d.department) q.set('departmentId', d.department.id);
    return `/app/book?${q.toString()}`;
  };

  return (
    <PublicShell>
      <Container size="lg" py="xl">
        <Stack>
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
            {t('directory.title')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} role="search">
            <TextInput
              label={t('directory.search')}
              placeholder={t('directory.searchPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={q}
              onChange={(e) => set({ q: e.currentTarget.value })}
            />
            <Select
              label={t('directory.hospital')}
              placeholder={t('directory.anyHospital')}
              data={(hospitals.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))}
              value={hospitalId || null}
              onChange={(v) => set({ hospitalId: v ?? '', departmentId: '' })}
              clearable
            />
            <Select
              label={t('directory.department')}
              placeholder={t('directory.anyDepartment')}
              data={(hospital?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={departmentId || null}
              onChange={(v) => set({ departmentId: v ?? '' })}
              disabled={!hospital}
              clearable
            />
          </SimpleGrid>
          {doctors.isPending && <CardsSkeleton />}
          {doctors.isError && <LoadError error={doctors.error} onRetry={() => void doctors.refetch()} />}
          {doctors.data && doctors.data.items.length === 0 && (
            <EmptyState
              icon={<IconStethoscope size={28} aria-hidden />}
              withIndicatorBackground
              title={t('directory.emptyTitle')}
              description={t('directory.emptyBody')}
              py="xl"
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {doctors.data?.items.map((d) => (
              <Card key={d.id} data-testid="public-doctor">
                <Text fw={600}>{d.fullName}</Text>
                <Text size="sm" c="teal" fw={500}>
                  {d.specialty}
                </Text>
                <Text size="sm" c="dimmed" mt={4}>
                  {[d.department?.name, d.hospital.name, d.hospital.city].filter(Boolean).join(' · ')}
                </Text>
                {d.qualifications && (
                  <Text size="sm" mt="xs">
                    {d.qualifications}
                  </Text>
                )}
                <Group gap={6} mt="sm">
                  {d.languages.map((l) => (
                    <Badge key={l} variant="default" radius="sm" tt="none" fw={400}>
                      {l}
                    </Badge>
                  ))}
                </Group>
                {d.consultationFeeMinor > 0 && (
                  <Text size="sm" mt="sm">
                    {t('directory.fee', { fee: f.money(d.consultationFeeMinor, d.currency) })}
                  </Text>
                )}
                {bookLink(d) && (
                  <Button
                    component={Link}
                    to={bookLink(d)!}
                    mt="sm"
                    size="xs"
                    leftSection={<IconCalendarPlus size={16} aria-hidden />}
                    aria-label={t('appointments.bookDoctorNamed', { name: d.fullName })}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('appointments.bookDoctor')}
                  </Button>
                )}
              </Card>
            ))}
          </SimpleGrid>
          {doctors.data && (
            <TablePager
              page={page}
              pageSize={PAGE_SIZE}
              total={doctors.data.total}
              onChange={(p) => set({ page: String(p) })}
            />
          )}
        </Stack>
      </Container>
    </PublicShell>
  );
}
