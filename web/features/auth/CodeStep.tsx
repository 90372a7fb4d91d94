import { Alert, Anchor, Button, Group, Input, PinInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api';
import { errorMessage, notifySuccess } from '../../lib/forms';

/** Step three of sign-up: the 6-digit code mailed to the address. */
export function CodeStep({
  email,
  error,
  onNext,
}: {
  email: string;
  error: string | null;
  onNext: (code: string) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(error);
  const [resending, setResending] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setFieldError(t('auth.code.sixDigits'));
      return;
    }
    onNext(code);
  };

  const resend = async () => {
    setResending(true);
    try {
      await post('/api/auth/sign-up/start', { email });
      notifySuccess(t('auth.code.resent'));
    } catch (err) {
      setFieldError(errorMessage(err));
    } finally {
      setResending(false);
    }
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <Alert color="teal" variant="light">
          {t('auth.code.sent')}
        </Alert>
        <Stack gap={6}>
          <Input.Label id="signup-code-label">{t('auth.code.label')}</Input.Label>
          <PinInput
            id="signup-code"
            length={6}
            type="number"
            oneTimeCode
            value={code}
            onChange={setCode}
            error={!!fieldError}
            getInputProps={(index) => ({
              'aria-label': t('auth.code.digit', { index: index + 1 }),
              'aria-describedby': fieldError ? 'signup-code-error' : 'signup-code-label',
            })}
            size="md"
            autoFocus
          />
          {fieldError && (
            <Text size="sm" c="red" role="alert" id="signup-code-error">
              {fieldError}
            </Text>
          )}
        </Stack>
        <Button type="submit" fullWidth>
          {t('actions.continue')}
        </Button>
        <Group justify="center">
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => void resend()}
            disabled={resending}
          >
            {t('auth.code.resend')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
