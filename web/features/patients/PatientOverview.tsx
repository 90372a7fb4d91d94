import { Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../contracts/patients';
import { useFormat } from '../../lib/format';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** The demographic facts of a record, read-only; `actions` holds the edit button where allowed. */
export function PatientOverview({ patient, actions }: { patient: Patient; actions?: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = t('common.notGiven');
  const address = [patient.addressLine, patient.city, patient.postalCode, patient.country]
    .filter(Boolean)
    .join(', ');
  const emergency = [
    patient.emergencyContactName,
    patient.emergencyContactRelation,
    patient.emergencyContactPhone,
  ]
    .filter(Boolean)
    .join(' · ');
  const insurance = [patient.insuranceProvider, patient.insurancePolicyNumber].filter(Boolean).join(' · ');
  return (
    <Card>
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h4">
          {t('patient.details')}
        </Title>
        {actions}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="md">
        <Fact label={t('patient.name')}>
          {[patient.givenName, patient.familyName].filter(Boolean).join(' ')}
        </Fact>
        <Fact label={t('patient.dateOfBirth')}>
          {patient.dateOfBirth
            ? `${f.date(patient.dateOfBirth)} (${t('patient.age', { years: f.age(patient.dateOfBirth) })})`
            : none}
        </Fact>
        <Fact label={t('patient.sex')}>{t(`sex.${patient.sex}`)}</Fact>
        <Fact label={t('patient.bloodGroup')}>{patient.bloodGroup ?? none}</Fact>
        <Fact label={t('patient.phone')}>{patient.phone ?? none}</Fact>
        <Fact label={t('patient.email')}>{patient.email ?? none}</Fact>
        <Fact label={t('patient.address')}>{address || none}</Fact>
        <Fact label={t('patient.sections.emergency')}>{emergency || none}</Fact>
        <Fact label={t('patient.sections.insurance')}>{insurance || none}</Fact>
      </SimpleGrid>
    </Card>
  );
}
