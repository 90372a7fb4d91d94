import { Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Admission } from '../../../contracts/wards';
import { PdfButton } from '../billing/PaymentsCard';

function Part({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function Bullets({ items }: { items: string[] }) {
  return (
    <List size="sm" spacing={2}>
      {items.map((item, i) => (
        <List.Item key={i}>{item}</List.Item>
      ))}
    </List>
  );
}

/** What was written at discharge: the course, the condition, diagnoses, procedures, medicines, follow-up. */
export function DischargeSummaryCard({ a }: { a: Admission }) {
  const { t } = useTranslation();
  const d = a.discharge;
  return (
    <Card component="section" aria-labelledby="summary-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="h4" id="summary-title">
          {t('wards.admission.dischargeSummary')}
        </Title>
        <PdfButton
          path={`/api/wards/admissions/${a.id}/discharge-summary.pdf`}
          label={t('wards.admission.summaryPdf')}
        />
      </Group>
      <Stack gap="sm">
        <Part label={t('wards.discharge.summary')}>{a.dischargeSummary}</Part>
        {d && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Part label={t('wards.discharge.condition')}>
                {t(`wards.discharge.conditions.${d.condition}`)}
              </Part>
              {d.diagnoses.length > 0 && (
                <Part label={t('wards.admission.diagnoses')}>
                  <Bullets
                    items={d.diagnoses.map(
                      (x) =>
                        `${x.code ? `${x.code} ` : ''}${x.description}${x.primary ? ` (${t('wards.admission.primary')})` : ''}`,
                    )}
                  />
                </Part>
              )}
              {d.procedures.length > 0 && (
                <Part label={t('wards.admission.procedures')}>
                  <Bullets items={d.procedures} />
                </Part>
              )}
              {d.medicines.length > 0 && (
                <Part label={t('wards.admission.medicines')}>
                  <Bullets
                    items={d.medicines.map((m) => (m.directions ? `${m.name}: ${m.directions}` : m.name))}
                  />
                </Part>
              )}
            </SimpleGrid>
            <Part label={t('wards.discharge.followUp')}>{d.followUp}</Part>
          </>
        )}
      </Stack>
    </Card>
  );
}
