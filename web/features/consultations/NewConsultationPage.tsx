import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Consultation } from '../../../contracts/clinical';
import { post } from '../../lib/api';
import { errorMessage } from '../../lib/forms';
import { PageHeader } from '../../components/PageHeader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opens the consultation of `?appointmentId=` (the doctor's checked-in patient; the one already
 * open if there is one) or of a walk-in `?patientId=`, then goes to it.
 */
export default function NewConsultationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const appointmentId = params.get('appointmentId') ?? '';
  const patientId = params.get('patientId') ?? '';

  const body = useMemo(
    () => (UUID.test(appointmentId) ? { appointmentId } : UUID.test(patientId) ? { patientId } : null),
    [appointmentId, patientId],
  );
  const invalid = body === null;

  useEffect(() => {
    if (started.current || !body) return;
    started.current = true;
    post<Consultation>('/api/consultations', body)
      .then((c) => navigate(`/app/consultations/${c.id}`, { replace: true }))
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [body, navigate]);
  const shown = invalid ? t('consultation.openFailed') : error;

  return (
    <>
      <PageHeader title={t('consultation.startTitle')} />
      {shown ? (
        <Stack maw={640}>
          <Alert color="red" role="alert" title={t('consultation.openFailed')}>
            {shown}
          </Alert>
          <Group>
            <Button component={Link} to="/app/consultations" variant="default">
              {t('consultation.backToStart')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group gap="sm">
          <Loader size="sm" />
          <Text>{t('consultation.opening')}</Text>
        </Group>
      )}
    </>
  );
}
