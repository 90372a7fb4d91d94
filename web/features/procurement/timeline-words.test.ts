import { describe, expect, it } from 'vitest';
import { timelineNote, timelineStep } from './timeline-words';

describe('purchase order timeline words', () => {
  it('reads the steps the server names in English, and audit actions it leaves as they are', () => {
    expect(timelineStep('Draft created')).toBe('created');
    expect(timelineStep('Submitted for approval')).toBe('submitted');
    expect(timelineStep('Amended by a new revision')).toBe('amended');
    expect(timelineStep('Goods received')).toBe('received');
    expect(timelineStep('purchase_order.sent')).toBe('sent');
    expect(timelineStep('purchase_order.approved')).toBe('approved');
    expect(timelineStep('purchase_order.exploded')).toBeNull();
    expect(timelineStep('constructor')).toBeNull();
  });

  it('words the server’s own notes and keeps a person’s reason as written', () => {
    expect(timelineNote('below the approval threshold')).toEqual({ kind: 'belowThreshold' });
    expect(timelineNote('approved by a hospital admin')).toEqual({ kind: 'byAdmin' });
    expect(timelineNote('Replaced by revision 3')).toEqual({ kind: 'replacedBy', revision: 3 });
    expect(timelineNote('Delivery note DN-77')).toEqual({ kind: 'deliveryNote', note: 'DN-77' });
    expect(timelineNote('Mailed to orders@acme.example')).toEqual({
      kind: 'mailedTo',
      to: 'orders@acme.example',
    });
    expect(timelineNote('Supplier out of stock')).toEqual({ kind: 'text', text: 'Supplier out of stock' });
  });
});
