import { Alert, Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, post } from '../../lib/api';
import { errorMessage } from '../../lib/forms';

/** Step two: sign in with the password, or start creating an account with a mailed code. */
export function PasswordStep({
  email,
  onSignedIn,
  onCreateAccount,
}: {
  email: string;
  onSignedIn: () => Promise<void>;
  onCreateAccount: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { password: '', totp: '', recoveryCode: '' } });
  const [needsTotp, setNeedsTotp] = useState(false);
  // Someone without their phone signs in once with a saved recovery code instead of an app code.
  const [useRecovery, setUseRecovery] = useState(false);
  const [busy, setBusy] = useState<'signIn' | 'signUp' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const signIn = form.onSubmit(async (values) => {
    if (!values.password) {
      form.setFieldError('password', t('auth.passwordRequired'));
      return;
    }
    setBusy('signIn');
    setError(null);
    try {
      await post('/api/auth/sign-in', {
        email,
        password: values.password,
        ...(needsTotp
          ? useRecovery
            ? { recoveryCode: values.recoveryCode.trim() }
            : { totp: values.totp.trim() }
          : {}),
      });
      await onSignedIn();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setNeedsTotp(true);
        // Asked again after a code was sent: that code was wrong or used already.
        if (needsTotp)
          form.setFieldError(useRecovery ? 'recoveryCode' : 'totp', t('fieldErrors.rules.wrongCode'));
      } else if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') {
        form.setFieldError('password', errorMessage(err));
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(null);
    }
  });

  const createAccount = async () => {
    setBusy('signUp');
    setError(null);
    try {
      await post('/api/auth/sign-up/start', { email });
      onCreateAccount();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <form noValidate onSubmit={signIn}>
        <Stack>
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            autoFocus
            {...form.getInputProps('password')}
          />
          {needsTotp && !useRecovery && (
            <TextInput
              label={t('auth.totp')}
              description={t('auth.totpHint')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              required
              autoFocus
              {...form.getInputProps('totp')}
            />
          )}
          {needsTotp && useRecovery && (
            <TextInput
              label={t('signInCodes.recovery')}
              description={t('signInCodes.recoveryHint')}
              autoComplete="off"
              maxLength={32}
              required
              autoFocus
              {...form.getInputProps('recoveryCode')}
            />
          )}
          {needsTotp && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              ta="start"
              onClick={() => {
                form.clearErrors();
                setUseRecovery((v) => !v);
              }}
            >
              {useRecovery ? t('signInCodes.useApp') : t('signInCodes.useRecovery')}
            </Anchor>
          )}
          <Button type="submit" fullWidth loading={busy === 'signIn'} disabled={busy === 'signUp'}>
            {t('auth.signIn')}
          </Button>
          <Anchor component={Link} to="/forgot-password" state={{ email }} size="sm" ta="center">
            {t('reset.forgotLink')}
          </Anchor>
        </Stack>
      </form>
      <Divider label={t('auth.newHere')} labelPosition="center" />
      <Text size="sm" c="dimmed">
        {t('auth.createAccountHint')}
      </Text>
      <Button
        variant="light"
        fullWidth
        onClick={() => void createAccount()}
        loading={busy === 'signUp'}
        disabled={busy === 'signIn'}
      >
        {t('auth.createAccount')}
      </Button>
    </Stack>
  );
}
