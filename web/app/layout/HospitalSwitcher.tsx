import { Select, Text } from '@mantine/core';
import { IconBuildingHospital } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession, useSwitchHospital } from '../../lib/session';

/** The hospital a staff member acts in; a choice only for people with roles at several. */
export function HospitalSwitcher() {
  const { t } = useTranslation();
  const { hospitals, activeHospital } = useSession();
  const switchTo = useSwitchHospital();
  const navigate = useNavigate();
  if (hospitals.length === 0) return null;
  if (hospitals.length === 1) {
    return (
      <Text size="sm" fw={500} truncate="end" visibleFrom="xs" maw={260} data-testid="active-hospital">
        {activeHospital?.name ?? hospitals[0]!.name}
      </Text>
    );
  }
  return (
    <Select
      aria-label={t('shell.switchHospital')}
      data={hospitals.map((h) => ({ value: h.id, label: h.name }))}
      value={activeHospital?.id ?? null}
      onChange={(id) => {
        if (!id || id === activeHospital?.id) return;
        void switchTo(id).then(() => navigate('/app'));
      }}
      allowDeselect={false}
      leftSection={<IconBuildingHospital size={16} aria-hidden />}
      comboboxProps={{ withinPortal: true }}
      w={{ base: 170, sm: 240 }}
      size="sm"
      data-testid="hospital-switcher"
    />
  );
}
