import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TwoFactorDisable,
  type TwoFactorSetup,
  type TwoFactorStatus,
} from '../../../contracts/account-security';
import { get, post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { applyServerErrors, notifyError, notifySuccess, validateWith } from '../../lib/forms';
import { ME_KEY, useSession } from '../../lib/session';
import { LoadError } from '../../components/LoadError';
import { TwoFactorSetupModal } from './TwoFactorSetupModal';

const STATUS_KEY = ['2fa'] as const;

/** Two-factor sign-in on the profile page: where it stands, set-up, and turning it off. */
export function TwoFactorCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const { me } = useSession();
  const client = useQueryClient();
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: ({ signal }) => get<TwoFactorStatus>('/api/auth/2fa', undefined, signal),
  });
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [starting, setStarting] = useState(false);

  // Staff access paused by a hospital's requirement comes back once it is on, so the session reloads too.
  const refresh = async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: STATUS_KEY }),
      client.invalidateQueries({ queryKey: ME_KEY }),
    ]);
  };

  const start = async () => {
    setStarting(true);
    try {
      setSetup(await post<TwoFactorSetup>('/api/auth/2fa/setup'));
    } catch (err) {
      notifyError(err);
    } finally {
      setStarting(false);
    }
  };

  const s = status.data;
  return (
    <Card>
      <Group justify="space-between" mb={4}>
        <Title order={2} fz="h4">
          {t('twoFactor.title')}
        </Title>
        {s && (
          <Badge color={s.enabled ? 'teal' : 'gray'} variant="light">
            {s.enabled ? t('twoFactor.on') : t('twoFactor.off')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('twoFactor.hint')}
      </Text>
      {status.isError && <LoadError error={status.error} onRetry={() => void status.refetch()} />}
      {s && (
        <Stack maw={640}>
          {s.requiredByHospital && !s.enabled && (
            <Alert color="orange" role="status">
              {t('twoFactor.required')}
            </Alert>
          )}
          {s.enabled ? (
            <>
              <Text size="sm">
                {s.enabledAt && t('twoFactor.enabledSince', { when: f.dateTime(s.enabledAt) })}{' '}
                {t('twoFactor.codesLeft', { count: s.recoveryCodesRemaining })}
              </Text>
              <DisableForm onDisabled={refresh} />
            </>
          ) : (
            <div>
              <Button onClick={() => void start()} loading={starting}>
                {s.pending ? t('twoFactor.continueSetUp') : t('twoFactor.setUp')}
              </Button>
            </div>
          )}
        </Stack>
      )}
      {setup && (
        <TwoFactorSetupModal
          setup={setup}
          email={me.user.email}
          onEnabled={refresh}
          onClose={() => setSetup(null)}
        />
      )}
    </Card>
  );
}

/** Turning it off asks for the password and a code, so a borrowed open session cannot do it. */
function DisableForm({ onDisabled }: { onDisabled: () => Promise<void> }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { password: '', code: '' } });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(TwoFactorDisable, values, form);
    if (!body) return;
    setBusy(true);
    try {
      await post('/api/auth/2fa/disable', body);
      form.reset();
      notifySuccess(t('twoFactor.disabled'));
      await onDisabled();
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <Text size="sm" fw={500}>
          {t('twoFactor.disable')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('twoFactor.disableHint')}
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PasswordInput
            label={t('twoFactor.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <TextInput
            label={t('twoFactor.disableCode')}
            autoComplete="one-time-code"
            maxLength={32}
            required
            {...form.getInputProps('code')}
          />
        </SimpleGrid>
        <div>
          <Button type="submit" color="red" variant="light" loading={busy}>
            {t('twoFactor.disable')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
