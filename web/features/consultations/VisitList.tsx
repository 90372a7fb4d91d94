import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Visit, VisitPage } from '../../../contracts/clinical';
import { withDoctorTitle } from '../../../contracts/names';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/forms';
import { LoadError } from '../../components/LoadError';
import { CardsSkeleton } from '../../components/Skeletons';
import { openPrescriptionPdf } from './queries';
import { OnClockOf } from '../../components/DateTime';

const PAGE = 10;

function VisitCard({ v, linkToConsultation }: { v: Visit; linkToConsultation: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [busy, setBusy] = useState(false);
  const pdf = async () => {
    setBusy(true);
    try {
      await openPrescriptionPdf(v.id);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder data-testid="visit">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={3} fz="h5">
              {t('visits.heading', { date: f.dateTime(v.openedAt), doctor: withDoctorTitle(v.doctorName) })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('visits.hospital', { hospital: v.hospitalName, specialty: v.specialty })}
            </Text>
          </Stack>
          {v.status === 'open' && <Badge variant="light">{t('visits.open')}</Badge>}
        </Group>
        {v.chiefComplaint && (
          <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            <b>{t('visits.complaint')}:</b> {v.chiefComplaint}
          </Text>
        )}
        {v.diagnoses.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('visits.diagnoses')}
            </Text>
            <List size="sm">
              {v.diagnoses.map((d, i) => (
                <List.Item key={i}>
                  {d.code ? `${d.code} · ` : ''}
                  {d.description}
                  {d.primary ? ` (${t('consultation.primary')})` : ''}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {v.prescription.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('visits.prescription')}
            </Text>
            <List size="sm">
              {v.prescription.map((l, i) => (
                <List.Item key={i}>
                  <Text size="sm" span fw={500}>
                    {l.medicineName}
                  </Text>{' '}
                  × {l.quantity}
                  {l.directions ? ` · ${l.directions}` : ''}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {v.labRequests && (
          <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            <b>{t('visits.labRequests')}:</b> {v.labRequests}
          </Text>
        )}
        {v.followUp && (
          <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            <b>{t('visits.followUp')}:</b> {v.followUp}
          </Text>
        )}
        {v.addenda.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('visits.addenda')}
            </Text>
            {v.addenda.map((a) => (
              <Text key={a.id} size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                {a.text}{' '}
                <Text span size="xs" c="dimmed">
                  ({t('consultation.addendumBy', { name: a.authorName, when: f.dateTime(a.createdAt) })})
                </Text>
              </Text>
            ))}
          </div>
        )}
        <Group gap="sm">
          {v.status === 'closed' && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconFileTypePdf size={16} aria-hidden />}
              loading={busy}
              onClick={() => void pdf()}
            >
              {t('visits.downloadPdf')}
            </Button>
          )}
          {linkToConsultation && (
            <Anchor component={Link} to={`/app/consultations/${v.id}`} size="sm">
              {t('visits.openConsultation')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** Visits from `path` (a patient's here, or one's own), newest first, ten more at a time. */
export function VisitList({
  path,
  linkToConsultation = false,
}: {
  path: string;
  linkToConsultation?: boolean;
}) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(PAGE);
  const visits = useQuery({
    queryKey: ['visits', path, limit],
    queryFn: ({ signal }) => get<VisitPage>(path, { limit, offset: 0 }, signal),
    placeholderData: keepPreviousData,
  });
  if (visits.isPending) return <CardsSkeleton count={2} />;
  if (visits.isError) return <LoadError error={visits.error} onRetry={() => void visits.refetch()} />;
  const { items, total } = visits.data;
  if (items.length === 0) return <Text c="dimmed">{t('visits.none')}</Text>;
  return (
    <Stack>
      {items.map((v) => (
        // Each visit reads on its hospital's clock, as appointments do.
        <OnClockOf key={v.id} zone={v.timeZone}>
          <VisitCard v={v} linkToConsultation={linkToConsultation} />
        </OnClockOf>
      ))}
      {total > items.length && limit < 100 && (
        <Group>
          <Button
            variant="default"
            loading={visits.isFetching}
            onClick={() => setLimit((l) => Math.min(100, l + PAGE))}
          >
            {t('visits.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
