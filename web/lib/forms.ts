import { notifications } from '@mantine/notifications';
import type { UseFormReturnType } from '@mantine/form';
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
