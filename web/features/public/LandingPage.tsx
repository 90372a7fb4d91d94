import {
  Badge,
  Button,
  Card,
  Container,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  IconBuildingHospital,
  IconHeartbeat,
  IconSearch,
  IconShieldCheck,
  IconStethoscope,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PublicHospital } from '../../../contracts/organisation';
import { get } from '../../lib/api';
import { LoadError } from '../../components/LoadError';
import { PublicShell } from './PublicShell';

/** The public front door: what the hospitals offer, find a doctor, sign in. */
export default function LandingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  useDocumentTitle(`${t('app.name')} · ${t('landing.tagline')}`);
  const hospitals = useQuery({
    queryKey: ['public', 'hospitals'],
    queryFn: ({ signal }) => get<{ items: PublicHospital[] }>('/api/public/hospitals', undefined, signal),
    staleTime: 5 * 60_000,
  });

  const features = [
    { icon: IconStethoscope, title: t('landing.featureDoctorsTitle'), body: t('landing.featureDoctorsBody') },
    { icon: IconHeartbeat, title: t('landing.featureRecordTitle'), body: t('landing.featureRecordBody') },
    { icon: IconShieldCheck, title: t('landing.featurePrivacyTitle'), body: t('landing.featurePrivacyBody') },
  ];

  return (
    <PublicShell>
      <Container size="lg" py={{ base: 'xl', sm: 64 }}>
        <Stack gap="xl">
          <Stack gap="md" maw={680}>
            <Title order={1} fz={{ base: 30, sm: 44 }} lh={1.15}>
              {t('landing.heroTitle')}
            </Title>
            <Text size="lg" c="dimmed">
              {t('landing.heroBody')}
            </Text>
            <form
              role="search"
              onSubmit={(e) => {
                e.preventDefault();
                void navigate(search.trim() ? `/doctors?q=${encodeURIComponent(search.trim())}` : '/doctors');
              }}
            >
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('landing.searchLabel')}
                  placeholder={t('landing.searchPlaceholder')}
                  leftSection={<IconSearch size={16} aria-hidden />}
                  value={search}
                  onChange={(e) => setSearch(e.currentTarget.value)}
                  style={{ flex: '1 1 16rem' }}
                />
                <Button type="submit">{t('landing.findDoctor')}</Button>
              </Group>
            </form>
            <Group gap="xs">
              <Button component={Link} to="/sign-in" variant="light">
                {t('landing.signInOrRegister')}
              </Button>
            </Group>
          </Stack>

          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {features.map((f) => (
              <Card key={f.title}>
                <ThemeIcon variant="light" size={40} radius="md" mb="sm" aria-hidden>
                  <f.icon size={22} />
                </ThemeIcon>
                <Text fw={600}>{f.title}</Text>
                <Text size="sm" c="dimmed" mt={4}>
                  {f.body}
                </Text>
              </Card>
            ))}
          </SimpleGrid>

          <Stack gap="sm">
            <Title order={2} fz="h3">
              {t('landing.hospitalsTitle')}
            </Title>
            {hospitals.isPending && <Skeleton height={140} />}
            {hospitals.isError && (
              <LoadError error={hospitals.error} onRetry={() => void hospitals.refetch()} />
            )}
            {hospitals.data?.items.length === 0 && <Text c="dimmed">{t('landing.noHospitals')}</Text>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {hospitals.data?.items.map((h) => (
                <Card key={h.id} data-testid="public-hospital">
                  <Group gap="sm" wrap="nowrap" mb="xs">
                    <ThemeIcon variant="light" aria-hidden>
                      <IconBuildingHospital size={18} />
                    </ThemeIcon>
                    <div>
                      <Text fw={600}>{h.name}</Text>
                      <Text size="sm" c="dimmed">
                        {[h.city, h.country].filter(Boolean).join(', ')}
                      </Text>
                    </div>
                  </Group>
                  <Group gap={6} mb="md">
                    {h.departments.map((d) => (
                      <Badge key={d.id} variant="light" radius="sm" tt="none">
                        {d.name}
                      </Badge>
                    ))}
                  </Group>
                  <Button
                    component={Link}
                    to={`/doctors?hospitalId=${h.id}`}
                    variant="default"
                    size="xs"
                    mt="auto"
                  >
                    {t('landing.doctorsAt', { hospital: h.name })}
                  </Button>
                </Card>
              ))}
            </SimpleGrid>
          </Stack>
        </Stack>
      </Container>
    </PublicShell>
  );
}
