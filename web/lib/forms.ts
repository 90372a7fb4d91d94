import { notifications } from '@mantine/notifications';
import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { ApiError } from './api';
import { apiErrorMessage, fieldErrorMessage, issueToFieldError, type ZodIssueLike } from './messages';
import i18n from '../i18n';

/**
 * Puts the API's field errors next to their fields. Returns the message for the form as a whole
 * (null when every problem belongs to a field the form shows).
 */
export function applyServerErrors<T>(
  form: UseFormReturnType<T>,
  err: unknown,
  /** Server paths that live under a different name in this form. */
  rename: Record<string, string> = {},
): string | null {
  if (!(err instanceof ApiError)) return i18n.t('errors.unexpected');
  const values = form.getValues() as Record<string, unknown>;
  let unplaced = false;
  let placed = false;
  for (const [path, fieldError] of Object.entries(err.fields)) {
    const field = rename[path] ?? path;
    const top = field.split('.')[0]!;
    if (top in values) {
      form.setFieldError(field, fieldErrorMessage(fieldError, err.code === 'NETWORK' ? undefined : err.code));
      placed = true;
    } else {
      unplaced = true;
    }
  }
  if (placed && !unplaced) return null;
  return errorMessage(err);
}

/**
 * A person-readable message for any failure of an API call, in their language: worded from the
 * error's stable code, never the server's English `detail`.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status >= 500 && err.code !== 'UNAVAILABLE') return apiErrorMessage('INTERNAL');
    return apiErrorMessage(err.code, { retryAfterSeconds: err.problem?.retryAfterSeconds });
  }
  return i18n.t('errors.unexpected');
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, withBorder: true, autoClose: 6000 });
}

export function notifyError(err: unknown): void {
  notifyFailure(errorMessage(err));
}

/** A failure already worded for the person, as a red notification. */
export function notifyFailure(message: string, title = i18n.t('errors.title')): void {
  notifications.show({ color: 'red', title, message, withBorder: true });
}

/** Empty text inputs mean "not given": drop them so optional fields stay unset. */
export function withoutBlanks<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (typeof v === 'string' && v.trim() === '') continue;
    if (v === null || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

/**
 * Checks values against a contract schema (the same one the server uses) and puts each problem on
 * its field, worded in the person's language from the issue's code. Returns the parsed value, or
 * null when something is wrong.
 */
export function validateWith<T>(
  schema: {
    safeParse(
      v: unknown,
      params: { reportInput: boolean },
    ): { success: true; data: T } | { success: false; error: { issues: readonly object[] } };
  },
  payload: unknown,
  form: { setErrors(errors: Record<string, string>): void },
): T | null {
  // With the input in each issue, a value not given at all reads "required", not zod's
  // "expected string, received undefined".
  const result = schema.safeParse(payload, { reportInput: true });
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const fieldError = issueToFieldError(issue as ZodIssueLike);
    if (!(fieldError.path in errors)) errors[fieldError.path] = fieldErrorMessage(fieldError);
  }
  form.setErrors(errors);
  return null;
}

/** Input props for an optional Select: '' in the form is "nothing chosen" (null) for the Select. */
export function optionalSelect<T>(form: UseFormReturnType<T>, path: string) {
  const props = form.getInputProps(path as never);
  return {
    ...props,
    value: (props.value as string) || null,
    onChange: (v: string | null) => props.onChange(v ?? ''),
  };
}

/**
 * A form that sends what it holds once, then moves on (a new record, then its page): checked
 * against its contract first, `busy` while the request runs, the server's field errors put on
 * their fields and the rest in `error`, for an alert above the form. `done` runs after the form
 * has been marked saved, so leaving the page does not ask about unsaved changes.
 */
export function useFormSubmit<V, B, R>(
  form: UseFormReturnType<V>,
  steps: {
    /** The request body, or null when the form shows what is wrong (validateWith). */
    body: (values: V) => B | null;
    send: (body: B) => Promise<R>;
    done: (result: R) => Promise<void> | void;
  },
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    const body = steps.body(form.getValues());
    if (!body) return;
    setBusy(true);
    try {
      const result = await steps.send(body);
      form.resetDirty();
      await steps.done(result);
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error };
}
