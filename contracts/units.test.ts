import { describe, expect, it } from 'vitest';
import { unitWord } from './units';

describe('unitWord', () => {
  it('is singular for one and for a part of one, plural for none and for more', () => {
    expect(unitWord('tablet', 1)).toBe('tablet');
    expect(unitWord('tablet', 0.5)).toBe('tablet');
    expect(unitWord('tablet', 0)).toBe('tablets');
    expect(unitWord('tablet', 4)).toBe('tablets');
    expect(unitWord('tablet', 1.5)).toBe('tablets');
  });

  it('follows English spelling for the units pharmacies count in', () => {
    expect(unitWord('suppository', 2)).toBe('suppositories');
    expect(unitWord('patch', 3)).toBe('patches');
    expect(unitWord('box', 2)).toBe('boxes');
    expect(unitWord('sachet', 10)).toBe('sachets');
    expect(unitWord('day', 2)).toBe('days');
  });

  it('leaves units of measure and units already plural as they are', () => {
    expect(unitWord('ml', 10)).toBe('ml');
    expect(unitWord('mL', 10)).toBe('mL');
    expect(unitWord('IU', 400)).toBe('IU');
    expect(unitWord('drops', 2)).toBe('drops');
  });

  it('makes a unit an admin typed in the plural singular for one', () => {
    expect(unitWord('tablets', 1)).toBe('tablet');
    expect(unitWord('Tablets', 0.5)).toBe('Tablet');
    expect(unitWord('suppositories', 1)).toBe('suppository');
    expect(unitWord('patches', 1)).toBe('patch');
    expect(unitWord('boxes', 1)).toBe('box');
    expect(unitWord('ampoules', 1)).toBe('ampoule');
    expect(unitWord('eye drops', 1)).toBe('eye drop');
    expect(unitWord('strips of 10', 1)).toBe('strip of 10');
    expect(unitWord('strips of 10', 3)).toBe('strips of 10');
    expect(unitWord('box of tablets', 1)).toBe('box of tablets');
  });

  it('does not take a word ending in s for a plural when it is one', () => {
    expect(unitWord('bolus', 1)).toBe('bolus');
    expect(unitWord('bolus', 2)).toBe('boluses');
    expect(unitWord('glass', 2)).toBe('glasses');
    expect(unitWord('glasses', 1)).toBe('glass');
  });

  it('counts the first word of "x of y" and the last word of a name in several words', () => {
    expect(unitWord('strip of 10', 3)).toBe('strips of 10');
    expect(unitWord('eye drop', 2)).toBe('eye drops');
    expect(unitWord('  tablet ', 2)).toBe('tablets');
    expect(unitWord('', 2)).toBe('');
  });
});
