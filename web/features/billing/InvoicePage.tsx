import { Anchor, Breadcrumbs, Grid, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { ApiError } from '../../lib/api';
import { useSession } from '../../lib/session';
import { InvoiceActions } from './InvoiceActions';
import { InvoiceFacts } from './InvoiceFacts';
import { InvoiceLinesCard } from './InvoiceLinesCard';
import { InvoiceStatusBadge, PaidMarker } from './InvoiceStatusBadge';
import { InvoiceTotalsCard } from './InvoiceTotalsCard';
import { CreditNotesCard, PaymentsCard } from './PaymentsCard';
import { useInvoice } from './queries';

/** One invoice: its lines and totals, payments and credit notes, and the next steps. */
export default function InvoicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const invoice = useInvoice(id);

  if (invoice.isPending) return <DetailSkeleton />;
  if (invoice.isError) {
    if (invoice.error instanceof ApiError && [400, 404].includes(invoice.error.status))
      return <NotFound home="/app/invoices" />;
    return <LoadError error={invoice.error} onRetry={() => void invoice.refetch()} />;
  }
  const inv = invoice.data;
  const title = inv.number ? t('invoice.title', { number: inv.number }) : t('invoice.draftTitle');
  const issued = inv.status === 'final' || inv.status === 'cancelled';

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/invoices" size="sm">
          {t('invoices.title')}
        </Anchor>
        <span>{inv.number ?? t('invoices.draftNumber')}</span>
      </Breadcrumbs>
      <PageHeader
        title={title}
        description={
          <Group gap="xs" component="span">
            <InvoiceStatusBadge status={inv.status} />
            <PaidMarker invoice={inv} />
            {inv.patient && (
              <Text span size="sm">
                {inv.patient.name}
                {inv.patient.mrn ? ` · ${inv.patient.mrn}` : ''}
              </Text>
            )}
          </Group>
        }
        actions={<InvoiceActions invoice={inv} />}
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <InvoiceLinesCard invoice={inv} editable={inv.status === 'draft' && can('invoices:manage')} />
            {issued && <PaymentsCard invoice={inv} />}
            {inv.creditNotes.length > 0 && <CreditNotesCard invoice={inv} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <InvoiceTotalsCard invoice={inv} />
            <InvoiceFacts invoice={inv} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
