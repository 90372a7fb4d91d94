import { describe, expect, it } from 'vitest';
import { noteOf, noteText, stepOf, timelineOf } from './orders.timeline';

describe('purchase order timeline from the audit log', () => {
  it('names each step by its code, and leaves out audit actions that are not steps', () => {
    expect(stepOf('purchase_order.sent')).toBe('sent');
    expect(stepOf('purchase_order.amended')).toBe('amended');
    expect(stepOf('purchase_order.exploded')).toBeNull();
    expect(stepOf('constructor')).toBeNull();
    expect(stepOf('purchase_order.constructor')).toBeNull();
    const at = '2026-12-03T10:00:00.000Z';
    expect(
      timelineOf([
        { at, action: 'purchase_order.created', actor: 'Asha', after: { status: 'draft' } },
        { at, action: 'purchase_order.viewed', actor: 'Asha', after: null },
        { at, action: 'purchase_order.cancelled', actor: null, after: { reason: 'Replaced by revision 2' } },
      ]),
    ).toEqual([
      { at, step: 'created', by: 'Asha', note: null },
      { at, step: 'cancelled', by: null, note: { kind: 'replacedBy', revision: 2 } },
    ]);
  });

  it('reads the system’s own notes as kinds and keeps a person’s reason as written', () => {
    expect(noteOf('below the approval threshold')).toEqual({ kind: 'belowThreshold' });
    expect(noteOf('approved by a hospital admin')).toEqual({ kind: 'byAdmin' });
    expect(noteOf('Delivery note DN-77')).toEqual({ kind: 'deliveryNote', note: 'DN-77' });
    expect(noteOf('Mailed to orders@acme.example')).toEqual({ kind: 'mailedTo', to: 'orders@acme.example' });
    expect(noteOf('Supplier out of stock')).toEqual({ kind: 'reason', text: 'Supplier out of stock' });
    expect(noteOf('')).toBeNull();
    expect(noteOf(null)).toBeNull();
  });

  it('reads back every note as it was written', () => {
    const notes = [
      { kind: 'belowThreshold' },
      { kind: 'byAdmin' },
      { kind: 'replacedBy', revision: 3 },
      { kind: 'deliveryNote', note: 'DN-77\nsecond line' },
      { kind: 'mailedTo', to: 'orders@acme.example' },
      { kind: 'reason', text: 'Supplier out of stock' },
    ] as const;
    for (const note of notes) expect(noteOf(noteText(note))).toEqual(note);
  });
});
