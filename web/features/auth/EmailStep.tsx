import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Email } from '../../../contracts/common';
import { validateWith } from '../../lib/forms';

const EmailOnly = z.object({ email: Email });

/** Step one: the email address, and nothing about whether it has an account. */
export function EmailStep({ initial, onNext }: { initial: string; onNext: (email: string) => void }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { email: initial } });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const parsed = validateWith(EmailOnly, values, form);
        if (parsed) onNext(parsed.email);
      })}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('auth.emailIntro')}
        </Text>
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          data-autofocus
          autoFocus
          {...form.getInputProps('email')}
        />
        <Button type="submit" fullWidth>
          {t('actions.continue')}
        </Button>
      </Stack>
    </form>
  );
}
