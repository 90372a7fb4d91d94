import { Card, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useSearchParams } from 'react-router';
import { OutstandingPanel } from './OutstandingPanel';
import { RevenuePanel } from './RevenuePanel';

/** Revenue over a range (by day, department, doctor or payment method) and what patients owe. */
export default function RevenuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'outstanding' ? 'outstanding' : 'revenue';
  return (
    <>
      <PageHeader title={t('revenue.title')} description={t('revenue.description')} />
      <Tabs
        value={tab}
        // Each tab has its own filters in the address: the other one starts afresh.
        onChange={(v) => setParams(v === 'outstanding' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="revenue">{t('revenue.tabs.revenue')}</Tabs.Tab>
          <Tabs.Tab value="outstanding">{t('revenue.tabs.outstanding')}</Tabs.Tab>
        </Tabs.List>
        <Card>
          <Tabs.Panel value="revenue">
            <RevenuePanel />
          </Tabs.Panel>
          <Tabs.Panel value="outstanding">
            <OutstandingPanel />
          </Tabs.Panel>
        </Card>
      </Tabs>
    </>
  );
}
