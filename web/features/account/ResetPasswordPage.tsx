import { Alert, Anchor, Button, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PasswordResetComplete } from '../../../contracts/account-security';
import { PASSWORD_MIN } from '../../../contracts/identity';
import { AuthLayout } from '../auth/AuthLayout';
import { ApiError, post } from '../../lib/api';
import { applyServerErrors, errorMessage, validateWith } from '../../lib/forms';

type Outcome = 'form' | 'invalid' | 'done';

/** The page the mailed reset link opens: a new password, twice, then a way back to sign in. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('reset.title')} · ${t('app.name')}`);
  const token = useSearchParams()[0].get('token') ?? '';
  const form = useForm({ initialValues: { newPassword: '', confirm: '' } });
  // A link cut short in the mail client is answered at once, before anyone types a password.
  const tokenLooksRight = PasswordResetComplete.shape.token.safeParse(token).success;
  const [outcome, setOutcome] = useState<Outcome>(tokenLooksRight ? 'form' : 'invalid');
  const [invalidMessage, setInvalidMessage] = useState<string>(t('reset.noToken'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const parsed = validateWith(PasswordResetComplete, { token, newPassword: values.newPassword }, form);
    if (!parsed) return;
    if (values.confirm !== values.newPassword) {
      form.setFieldError('confirm', t('reset.mismatch'));
      return;
    }
    setBusy(true);
    try {
      await post('/api/auth/password-reset/complete', parsed);
      setOutcome('done');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RESET_TOKEN_INVALID') {
        setInvalidMessage(errorMessage(err));
        setOutcome('invalid');
      } else {
        setError(applyServerErrors(form, err));
      }
    } finally {
      setBusy(false);
    }
  });

  if (outcome === 'done') {
    return (
      <AuthLayout>
        <Title order={1} fz="h2">
          {t('reset.doneTitle')}
        </Title>
        <Alert color="teal" role="status">
          {t('reset.doneBody')}
        </Alert>
        <Button component={Link} to="/sign-in" fullWidth>
          {t('reset.signIn')}
        </Button>
      </AuthLayout>
    );
  }

  if (outcome === 'invalid') {
    return (
      <AuthLayout>
        <Title order={1} fz="h2">
          {t('reset.invalidTitle')}
        </Title>
        <Alert color="red" role="alert">
          {invalidMessage}
        </Alert>
        <Button component={Link} to="/forgot-password" fullWidth>
          {t('reset.askAgain')}
        </Button>
        <Anchor component={Link} to="/sign-in" size="sm">
          {t('reset.backToSignIn')}
        </Anchor>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <Title order={1} fz="h2">
        {t('reset.title')}
      </Title>
      <form noValidate onSubmit={submit}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <PasswordInput
            label={t('reset.newPassword')}
            description={t('auth.register.passwordHint', { min: PASSWORD_MIN })}
            autoComplete="new-password"
            required
            autoFocus
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('reset.confirm')}
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" fullWidth loading={busy}>
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/sign-in" size="sm">
        {t('reset.backToSignIn')}
      </Anchor>
    </AuthLayout>
  );
}
