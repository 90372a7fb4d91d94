import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OwnRecordSummary } from '../../../contracts/dashboard';
import { useFormat } from '../../lib/format';

/** A patient's own record at a glance, with the hospitals that know them. */
export function OwnRecordCard({ record }: { record: OwnRecordSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const facts = [
    {
      label: t('patient.dateOfBirth'),
      value: record.dateOfBirth ? f.date(record.dateOfBirth) : t('common.notGiven'),
    },
    { label: t('patient.sex'), value: t(`sex.${record.sex}`) },
    { label: t('patient.bloodGroup'), value: record.bloodGroup ?? t('common.notGiven') },
    { label: t('patient.allergies'), value: f.number(record.activeAllergies) },
    { label: t('patient.conditions'), value: f.number(record.activeConditions) },
  ];
  return (
    <Card data-testid="own-record">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          {t('dashboard.yourRecord')}
        </Title>
        <Anchor component={Link} to="/app/my-record" size="sm">
          {t('dashboard.openRecord')}
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="md">
        {facts.map((x) => (
          <div key={x.label}>
            <Text size="xs" c="dimmed">
              {x.label}
            </Text>
            <Text fw={500}>{x.value}</Text>
          </div>
        ))}
      </SimpleGrid>
      <Stack gap={6} mt="md">
        <Text size="sm" fw={500}>
          {t('dashboard.yourHospitals')}
        </Text>
        {record.hospitals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dashboard.noHospitalsYet')}
          </Text>
        ) : (
          <Stack gap={4}>
            {record.hospitals.map((h) => (
              <Group key={h.hospitalId} gap="xs" wrap="wrap">
                <Text size="sm" fw={500}>
                  {h.name}
                </Text>
                <Badge variant="outline" tt="none" radius="sm">
                  {t('patient.mrnShort')} {h.mrn}
                </Badge>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
