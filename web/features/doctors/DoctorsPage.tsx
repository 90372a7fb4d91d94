import { Badge, Card, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch, IconStethoscope } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DoctorProfile, DoctorStatus } from '../../../contracts/organisation';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { BreakableText } from '../../components/BreakableText';
import { ClientTable } from '../../components/ClientTable';
import { useClientTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { DoctorDecision } from './DoctorDecision';
import { useDoctorProfiles } from './queries';

const STATUS_COLOR = { approved: 'teal', pending: 'yellow', rejected: 'red' } as const;

/** The active hospital's doctors; admins work the approval queue here (filter: pending). */
export default function DoctorsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'all') as DoctorStatus | 'all';
  const doctors = useDoctorProfiles(status);

  const columns = useMemo<Column<DoctorProfile>[]>(
    () => [
      {
        key: 'name',
        header: t('doctor.name'),
        cell: (d) => (
          <div>
            <Text size="sm" fw={500}>
              {d.fullName}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'break-word' }} data-testid="doctor-email">
              <BreakableText text={d.email} />
            </Text>
          </div>
        ),
        sortValue: (d) => d.fullName.toLowerCase(),
      },
      {
        key: 'specialty',
        header: t('doctor.specialty'),
        cell: (d) => <Text size="sm">{d.specialty}</Text>,
        sortValue: (d) => d.specialty,
        visibleFrom: 'sm',
      },
      {
        key: 'department',
        header: t('doctor.department'),
        cell: (d) => <Text size="sm">{d.departmentName ?? '—'}</Text>,
        sortValue: (d) => d.departmentName,
        visibleFrom: 'md',
      },
      {
        key: 'registration',
        header: t('doctor.registrationNumber'),
        cell: (d) => (
          <Text size="sm" ff="monospace">
            {d.registrationNumber}
          </Text>
        ),
        visibleFrom: 'lg',
        nowrap: true,
      },
      {
        key: 'status',
        header: t('common.status'),
        cell: (d) => (
          <Badge color={STATUS_COLOR[d.status]} variant="light">
            {t(`doctorStatus.${d.status}`)}
          </Badge>
        ),
        sortValue: (d) => d.status,
        nowrap: true,
      },
      {
        key: 'applied',
        header: t('doctor.applied'),
        cell: (d) => <Text size="sm">{f.day(d.createdAt)}</Text>,
        sortValue: (d) => d.createdAt,
        // From lg: between 992 and 1200 px the menu takes a column's room (the table scrolled).
        visibleFrom: 'lg',
        nowrap: true,
      },
      ...(can('doctors:approve')
        ? [
            {
              key: 'actions',
              header: t('common.actions'),
              cell: (d: DoctorProfile) => (d.status === 'pending' ? <DoctorDecision doctor={d} /> : null),
            },
          ]
        : []),
    ],
    [t, f, can],
  );
  const matches = useCallback(
    (d: DoctorProfile, q: string) =>
      [d.fullName, d.email, d.specialty, d.departmentName ?? '', d.registrationNumber].some((s) =>
        s.toLowerCase().includes(q),
      ),
    [],
  );
  const table = useClientTable(doctors.data, {
    columns,
    matches,
    initialSort: { key: 'name', direction: 'asc' },
  });

  return (
    <>
      <PageHeader
        title={t('doctors.title')}
        description={can('doctors:approve') ? t('doctors.descriptionAdmin') : t('doctors.description')}
      />
      <Card>
        <Stack>
          <Group justify="space-between" gap="sm" align="flex-end">
            <SegmentedControl
              aria-label={t('doctors.filterStatus')}
              value={status}
              onChange={(v) => setParams(v === 'all' ? {} : { status: v }, { replace: true })}
              data={[
                { value: 'all', label: t('doctors.all') },
                { value: 'pending', label: t('doctorStatus.pending') },
                { value: 'approved', label: t('doctorStatus.approved') },
                { value: 'rejected', label: t('doctorStatus.rejected') },
              ]}
              size="xs"
            />
            <TextInput
              aria-label={t('doctors.search')}
              placeholder={t('doctors.search')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={table.query}
              onChange={(e) => table.setQuery(e.currentTarget.value)}
              w={{ base: '100%', sm: 260 }}
            />
          </Group>
          <ClientTable
            query={doctors}
            table={table}
            columns={columns}
            caption={t('doctors.title')}
            rowKey={(d) => d.id}
            empty={{
              icon: <IconStethoscope size={28} aria-hidden />,
              title: status === 'pending' ? t('doctors.noPendingTitle') : t('doctors.emptyTitle'),
              description: status === 'pending' ? t('doctors.noPendingBody') : t('doctors.emptyBody'),
            }}
          />
        </Stack>
      </Card>
    </>
  );
}
