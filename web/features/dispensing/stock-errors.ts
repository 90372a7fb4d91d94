import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/forms';
import i18n from '../../i18n';

/**
 * What to say when stock work is refused. INSUFFICIENT_STOCK carries how much is usable and how
 * much was asked, and names the medicine when the screen knows it; other codes get their own
 * words (OVER_DISPENSE, BATCH_EXPIRED, PRICE_CHANGED … in apiErrors).
 */
export function stockErrorMessage(err: unknown, nameOf: (medicineId: string) => string | undefined): string {
  if (err instanceof ApiError && err.code === 'INSUFFICIENT_STOCK' && err.problem) {
    const { medicineId, available, requested } = err.problem;
    const name = typeof medicineId === 'string' ? nameOf(medicineId) : undefined;
    if (name && typeof available === 'number' && typeof requested === 'number')
      return i18n.t('stockErrors.insufficient', { name, available, requested });
  }
  return errorMessage(err);
}
