import { Badge, Button, Card, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consultation } from '../../../contracts/clinical';
import { withDoctorTitle } from '../../../contracts/names';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/forms';
import { AdmitButton } from '../wards/AdmitButton';
import { ageOf, openPrescriptionPdf } from './queries';

/** Who is being seen, by whom and since when; once closed, the prescription's PDF. */
export function ConsultationHeader({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const age = ageOf(c.patientDateOfBirth);
  const [busy, setBusy] = useState(false);
  return (
    <PageHeader
      title={t('consultation.title', { name: c.patientName })}
      description={t('consultation.subtitle', {
        mrn: c.mrn ?? '',
        age: age === null ? t('consultation.ageUnknown') : t('consultation.ageYears', { count: age }),
        sex: t(`consultation.sex.${c.patientSex as 'male'}`, { defaultValue: c.patientSex }),
        opened: f.dateTime(c.openedAt),
        doctor: withDoctorTitle(c.doctorName),
      })}
      actions={
        <>
          <Badge size="lg" variant="light" color={c.status === 'open' ? 'blue' : 'gray'}>
            {c.status === 'open'
              ? t('consultation.statusOpen')
              : t('consultation.statusClosed', { when: f.dateTime(c.closedAt!) })}
          </Badge>
          {c.status === 'closed' && (
            <Button
              variant="light"
              leftSection={<IconFileTypePdf size={18} aria-hidden />}
              loading={busy}
              onClick={() => {
                setBusy(true);
                openPrescriptionPdf(c.id)
                  .catch(notifyError)
                  .finally(() => setBusy(false));
              }}
            >
              {t('consultation.printPrescription')}
            </Button>
          )}
          <AdmitButton patient={{ id: c.patientId, name: c.patientName, mrn: c.mrn }} consultationId={c.id} />
        </>
      }
    />
  );
}

/** The patient's recorded allergies, in red when there are any. */
export function AllergiesCard({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  return (
    <Card
      mb="md"
      withBorder
      bg={c.allergies.length > 0 ? 'var(--mantine-color-red-light)' : undefined}
      role={c.allergies.length > 0 ? 'note' : undefined}
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        {c.allergies.length > 0 && <IconAlertTriangle color="var(--mantine-color-red-7)" aria-hidden />}
        <div>
          <Text fw={700}>{t('consultation.allergiesTitle')}</Text>
          {c.allergies.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('consultation.noAllergies')}
            </Text>
          ) : (
            <Text size="sm" fw={600}>
              {c.allergies
                .map((a) =>
                  t('consultation.allergy', {
                    substance: a.substance,
                    severity: a.severity,
                    reaction: a.reaction ? `: ${a.reaction}` : '',
                  }),
                )
                .join(' · ')}
            </Text>
          )}
        </div>
      </Group>
    </Card>
  );
}
