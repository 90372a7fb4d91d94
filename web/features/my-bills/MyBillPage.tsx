import { Alert, Anchor, Breadcrumbs, Button, Grid, Group, Text } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { ApiError } from '../../lib/api';
import { openFile } from '../../lib/download';
import { TimeZoneContext, useFormat } from '../../lib/format';
import { notifyError } from '../../lib/forms';
import { InvoiceStatusBadge } from '../billing/InvoiceStatusBadge';
import { billState } from './bill-state';
import { BillLines } from './BillLines';
import { BillMoney } from './BillMoney';
import { myBillPdfPath, useMyBill, useMyBills } from './queries';

const ALERT = { paid: 'teal', owing: 'blue', cancelled: 'gray', other: 'gray' } as const;

/** One of the patient's bills: its lines, tax, totals, payments and credit notes, and its PDF. */
export default function MyBillPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const bill = useMyBill(id);
  // The bills list names the hospitals the patient has bills at (the bill itself carries its id).
  const hospitals = useMyBills(1, 1);
  const [opening, setOpening] = useState(false);

  if (bill.isPending) return <DetailSkeleton />;
  if (bill.isError) {
    if (bill.error instanceof ApiError && [400, 404].includes(bill.error.status))
      return <NotFound home="/app/my-bills" />;
    return <LoadError error={bill.error} onRetry={() => void bill.refetch()} />;
  }
  const b = bill.data;
  const number = b.number ?? '—';
  const hospital = hospitals.data?.balances.find((h) => h.hospitalId === b.hospitalId)?.hospitalName;
  const state = billState(b);
  const openPdf = () => {
    setOpening(true);
    openFile(myBillPdfPath(b.id))
      .catch(notifyError)
      .finally(() => setOpening(false));
  };

  return (
    // The bill reads on its hospital's clock (the receipts' times), wherever the patient is.
    <TimeZoneContext.Provider value={b.timeZone}>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/my-bills" size="sm">
          {t('myBills.title')}
        </Anchor>
        <span>{number}</span>
      </Breadcrumbs>
      <PageHeader
        title={t('myBills.billTitle', { number })}
        description={[
          hospital,
          b.departmentName,
          b.doctorName,
          b.issuedOn && t('myBills.issuedOn', { date: f.date(b.issuedOn) }),
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <Button
            variant="default"
            leftSection={<IconFileTypePdf size={16} aria-hidden />}
            loading={opening}
            onClick={openPdf}
            data-testid="bill-pdf"
          >
            {t('myBills.pdf')}
          </Button>
        }
      />
      <Alert color={ALERT[state]} variant="light" mb="md" data-testid="bill-next">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          {/* The badge is a block: kept out of the header's paragraph. */}
          <InvoiceStatusBadge status={b.status} />
          <Text size="sm">
            {state === 'owing'
              ? hospital
                ? t('myBills.payAtDesk', { amount: f.money(b.balanceMinor, b.currency), hospital })
                : t('myBills.whereToPay')
              : state === 'paid'
                ? t('myBills.paidInFull')
                : state === 'cancelled'
                  ? t('myBills.cancelled')
                  : t('myBills.whereToPay')}
          </Text>
        </Group>
      </Alert>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <BillLines bill={b} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <BillMoney bill={b} />
        </Grid.Col>
      </Grid>
    </TimeZoneContext.Provider>
  );
}
