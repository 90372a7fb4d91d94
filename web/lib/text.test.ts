import { describe, expect, it } from 'vitest';
import { breakAfter } from './text';

describe('breakAfter', () => {
  it('splits an email after its @ and dots, keeping every character', () => {
    expect(breakAfter('paediatrician@hospitium.example', '@.')).toEqual([
      'paediatrician@',
      'hospitium.',
      'example',
    ]);
    expect(breakAfter('dashboard.recent_registrations.read', '._')).toEqual([
      'dashboard.',
      'recent_',
      'registrations.',
      'read',
    ]);
  });

  it('leaves text without separators, a trailing separator and empty text whole', () => {
    expect(breakAfter('approved', '@.')).toEqual(['approved']);
    expect(breakAfter('end.', '.')).toEqual(['end.']);
    expect(breakAfter('', '.')).toEqual(['']);
  });
});
