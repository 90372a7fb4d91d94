import { Anchor, Button, Card, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PatientSummary } from '../../../contracts/patients';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { usePatientSearch } from './queries';
import { PagedList, useListParams } from '../../components/PagedList';

const PAGE_SIZE = 20;

/**
 * Patients registered at the active hospital. Search runs as you type, on the server (typo-tolerant
 * names, phone numbers, MRNs); results come ranked by how well they match, so the table does not re-sort them.
 */
export default function PatientsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { params, page, set } = useListParams();
  const q = params.get('q') ?? '';
  const [debounced] = useDebouncedValue(q, 250);
  const search = usePatientSearch(debounced, page, PAGE_SIZE);

  const columns: Column<PatientSummary>[] = [
    {
      key: 'name',
      header: t('patient.name'),
      cell: (p) => (
        <Anchor component={Link} to={`/app/patients/${p.id}`} fw={500} size="sm">
          {[p.givenName, p.familyName].filter(Boolean).join(' ')}
        </Anchor>
      ),
    },
    {
      key: 'mrn',
      header: t('patient.mrn'),
      cell: (p) => (
        <Text size="sm" ff="monospace">
          {p.mrn}
        </Text>
      ),
    },
    {
      key: 'dob',
      header: t('patient.dateOfBirth'),
      cell: (p) => (
        <Text size="sm">{p.dateOfBirth ? `${f.date(p.dateOfBirth)} (${f.age(p.dateOfBirth)})` : '—'}</Text>
      ),
      visibleFrom: 'sm',
    },
    {
      key: 'sex',
      header: t('patient.sex'),
      cell: (p) => <Text size="sm">{t(`sex.${p.sex}`)}</Text>,
      visibleFrom: 'md',
    },
    {
      key: 'phone',
      header: t('patient.phone'),
      cell: (p) => <Text size="sm">{p.phone ?? '—'}</Text>,
      visibleFrom: 'md',
    },
    {
      key: 'registered',
      header: t('patient.registeredAt'),
      cell: (p) => <Text size="sm">{f.day(p.registeredAt)}</Text>,
      visibleFrom: 'lg',
    },
  ];

  return (
    <>
      <PageHeader
        title={t('patients.title')}
        description={t('patients.description')}
        actions={
          can('patients:create') && (
            <Button
              component={Link}
              to="/app/patients/new"
              leftSection={<IconUserPlus size={16} aria-hidden />}
            >
              {t('patients.register')}
            </Button>
          )
        }
      />
      <Card>
        <Stack>
          <TextInput
            label={t('patients.searchLabel')}
            placeholder={t('patients.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={
              q !== debounced || (search.isFetching && !search.isPending) ? (
                <Loader size="xs" role="status" aria-label={t('common.searching')} />
              ) : null
            }
            value={q}
            onChange={(e) => set('q', e.currentTarget.value)}
            autoFocus
            role="searchbox"
            data-testid="patient-search"
          />
          <PagedList
            query={search}
            columns={columns}
            caption={t('patients.title')}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={(p) => set('page', String(p))}
            empty={{
              icon: <IconUsers size={28} aria-hidden />,
              title: debounced ? t('patients.noMatchTitle', { q: debounced }) : t('patients.emptyTitle'),
              description: debounced ? t('patients.noMatchBody') : t('patients.emptyBody'),
              action: can('patients:create') && (
                <Button component={Link} to="/app/patients/new" variant="light">
                  {t('patients.register')}
                </Button>
              ),
            }}
          />
        </Stack>
      </Card>
    </>
  );
}
