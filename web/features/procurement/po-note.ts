import { useTranslation } from 'react-i18next';
import type { PurchaseOrderNote } from '../../../contracts/procurement';

/** Words a purchase order's note (a timeline step's, or why the order was cancelled). */
export function usePoNoteText(): (note: PurchaseOrderNote) => string {
  const { t } = useTranslation();
  return (note) => {
    switch (note.kind) {
      case 'belowThreshold':
        return t('po.eventNotes.belowThreshold');
      case 'byAdmin':
        return t('po.eventNotes.byAdmin');
      case 'replacedBy':
        return t('po.eventNotes.replacedBy', { revision: note.revision });
      case 'mailedTo':
        return t('po.eventNotes.mailedTo', { to: note.to });
      case 'deliveryNote':
        return t('po.deliveryNote', { note: note.note });
      case 'reason':
        return note.text;
    }
  };
}
