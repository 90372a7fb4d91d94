import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { PageHeader } from '../../components/PageHeader';
import { TwoFactorCard } from '../account/TwoFactorCard';
import { ChangePasswordCard } from './ChangePasswordCard';
import { SessionsCard } from './SessionsCard';

/** The signed-in person: who they are, where they work, their sessions and password. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Stack gap="lg">
        <Card>
          <Title order={2} fz="h4" mb="sm">
            {t('profile.account')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <div>
              <Text size="xs" c="dimmed">
                {t('profile.name')}
              </Text>
              <Text fw={500}>{me.user.fullName}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('auth.email')}
              </Text>
              <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                {me.user.email}
              </Text>
            </div>
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="md" mb={6}>
            {t('profile.roles')}
          </Text>
          <Group gap="xs">
            {me.memberships.length === 0 && <Text size="sm">{t('profile.noRoles')}</Text>}
            {me.memberships.map((m) => (
              <Badge key={`${m.hospitalId}-${m.role}`} variant="light" tt="none" radius="sm" size="lg">
                {m.hospitalName
                  ? t('profile.roleAt', { role: t(`roles.${m.role}`), hospital: m.hospitalName })
                  : t(`roles.${m.role}`)}
              </Badge>
            ))}
          </Group>
        </Card>
        <SessionsCard />
        <ChangePasswordCard />
        <TwoFactorCard />
      </Stack>
    </>
  );
}
