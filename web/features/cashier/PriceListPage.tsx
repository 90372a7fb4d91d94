import { Card, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { DepartmentFeesPanel } from './DepartmentFeesPanel';
import { ServicesPanel } from './ServicesPanel';

/** The hospital's price list: its services, and the consultation fee of each department. */
export default function PriceListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'fees' ? 'fees' : 'services';
  return (
    <>
      <PageHeader title={t('priceList.title')} description={t('priceList.description')} />
      <Tabs
        value={tab}
        // The services' search and filter stay with the services tab.
        onChange={(v) => setParams(v === 'fees' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="services">{t('priceList.tabs.services')}</Tabs.Tab>
          <Tabs.Tab value="fees">{t('priceList.tabs.fees')}</Tabs.Tab>
        </Tabs.List>
        <Card>
          <Tabs.Panel value="services">
            <ServicesPanel />
          </Tabs.Panel>
          <Tabs.Panel value="fees">
            <DepartmentFeesPanel />
          </Tabs.Panel>
        </Card>
      </Tabs>
    </>
  );
}
