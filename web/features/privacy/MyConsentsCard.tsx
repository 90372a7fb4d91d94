import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentDecision, ConsentPurpose } from '../../../contracts/privacy';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { notifyError, notifySuccess } from '../../lib/forms';
import { ConsentDecisions } from './ConsentDecisions';
import { ConsentHistory } from './ConsentHistory';
import { offeredDecisions } from './privacy';
import { useConsents, useRecordConsent } from './queries';

const BUTTON = {
  granted: { label: 'consent.grant', named: 'consent.grantNamed', variant: 'light' },
  withdrawn: { label: 'consent.withdraw', named: 'consent.withdrawNamed', variant: 'default' },
} as const;

/** The patient's own consents: each purpose explained, granted or withdrawn in one click, and the history. */
export function MyConsentsCard({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const consents = useConsents(patientId);
  const record = useRecordConsent(patientId);
  const [busy, setBusy] = useState<ConsentPurpose | null>(null);

  const decide = async (purpose: ConsentPurpose, decision: ConsentDecision) => {
    setBusy(purpose);
    try {
      // The portal sends no method: the server records it as given in the portal.
      await record({ purpose, decision });
      notifySuccess(t(`consent.recorded.${decision}`, { purpose: t(`consent.purposes.${purpose}.title`) }));
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card data-testid="my-consents">
      <Title order={2} fz="h4" mb={4}>
        {t('privacy.consents.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('privacy.consents.body')}
      </Text>
      {consents.isPending && <TableSkeleton rows={4} />}
      {consents.isError && <LoadError error={consents.error} onRetry={() => void consents.refetch()} />}
      {consents.data && (
        <Stack gap="lg">
          <ConsentDecisions
            current={consents.data.current}
            explain
            actions={(c) =>
              offeredDecisions(c.decision).map((decision) => {
                const b = BUTTON[decision];
                // Never asked: declining is recorded as "withdrawn", and says so in its own word.
                const label = c.decision === null && decision === 'withdrawn' ? 'consent.decline' : b.label;
                const named =
                  c.decision === null && decision === 'withdrawn' ? 'consent.declineNamed' : b.named;
                return (
                  <Button
                    key={decision}
                    size="xs"
                    variant={b.variant}
                    loading={busy === c.purpose}
                    disabled={busy !== null && busy !== c.purpose}
                    aria-label={t(named, { purpose: t(`consent.purposes.${c.purpose}.title`) })}
                    onClick={() => void decide(c.purpose, decision)}
                  >
                    {t(label)}
                  </Button>
                );
              })
            }
          />
          <div>
            <Title order={3} fz="h5" mb="xs">
              {t('consent.history.title')}
            </Title>
            <ConsentHistory history={consents.data.history} />
          </div>
        </Stack>
      )}
    </Card>
  );
}
