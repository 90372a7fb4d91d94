import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Invoice } from '../../../contracts/billing';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { Fact } from '../procurement/Fact';

/** Whom the invoice bills, for which department and doctor, when, and why it was discarded. */
export function InvoiceFacts({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const p = invoice.patient;
  return (
    <Card>
      <Title order={2} fz="h4" mb="sm">
        {t('invoice.facts')}
      </Title>
      <Stack gap="xs">
        <Fact
          label={t('invoice.patient')}
          value={
            p ? (
              <>
                {can('patients:read') ? (
                  <Anchor
                    component={Link}
                    to={`/app/patients/${p.id}`}
                    size="sm"
                    data-testid="invoice-patient"
                  >
                    {p.name}
                  </Anchor>
                ) : (
                  p.name
                )}
                {p.mrn && (
                  <Text size="xs" c="dimmed">
                    {p.mrn}
                  </Text>
                )}
              </>
            ) : (
              t('invoices.walkIn')
            )
          }
        />
        <Fact label={t('invoice.department')} value={invoice.departmentName} />
        <Fact label={t('invoice.doctor')} value={invoice.doctorName} />
        <Fact label={t('invoices.source')} value={t(`invoices.sources.${invoice.source}`)} />
        {invoice.issuedOn && <Fact label={t('invoices.issuedOn')} value={f.date(invoice.issuedOn)} />}
        <Fact label={t('invoice.created')} value={f.dateTime(invoice.createdAt)} />
        <Fact label={t('invoice.notes')} value={invoice.notes} />
        {invoice.discardReason && (
          <Text size="sm" c="red">
            {t('invoice.discardedBecause', { reason: invoice.discardReason })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
