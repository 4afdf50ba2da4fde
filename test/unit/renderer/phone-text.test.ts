import { describe, expect, it } from 'vitest';
import { originalWorthShowing, phoneText } from '../../../renderer/screens/contacts/phone-text';

describe('phone numbers as people read them', () => {
  it('groups Chinese mobiles and landlines as they are written', () => {
    expect(phoneText('+8613800138000')).toBe('+86 138 0013 8000');
    expect(phoneText('+861065529988')).toBe('+86 10 6552 9988');
    expect(phoneText('+862161234567')).toBe('+86 21 6123 4567');
    expect(phoneText('+8675588889999')).toBe('+86 755 8888 9999');
    expect(phoneText('+865718123456')).toBe('+86 571 812 3456');
    expect(phoneText('+864001234567')).toBe('+86 400 123 4567'); // service numbers group the same way
  });

  it('leaves other numbers as they are stored', () => {
    expect(phoneText('+16502530000')).toBe('+16502530000');
    expect(phoneText('12345')).toBe('12345');
    expect(phoneText('+8611234567')).toBe('+8611234567'); // no Chinese number shape
  });

  it('shows the written form only when it has other digits', () => {
    expect(originalWorthShowing('138-0013-8000', '+8613800138000')).toBe(false);
    expect(originalWorthShowing('+86 138 0013 8000', '+8613800138000')).toBe(false);
    expect(originalWorthShowing('010-6552 9988', '+861065529988')).toBe(false);
    expect(originalWorthShowing('0086 138 0013 8000', '+8613800138000')).toBe(true);
    expect(originalWorthShowing('(650) 253-0000', '+16502530000')).toBe(true);
  });
});
