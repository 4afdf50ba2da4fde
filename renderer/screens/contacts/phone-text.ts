// Phone numbers as people read them. The merge keys phones by E.164 ("+8613800138000"); Chinese
// numbers are shown grouped as they are spoken and written ("+86 138 0013 8000", "+86 10 6552 9988"),
// any other number as it is stored (formatting every country's numbers would need the phone
// library's metadata in the page).

export function phoneText(value: string): string {
  const cn = /^\+86(\d+)$/.exec(value)?.[1];
  if (!cn) return value;
  if (/^1\d{10}$/.test(cn)) return `+86 ${cn.slice(0, 3)} ${cn.slice(3, 7)} ${cn.slice(7)}`;
  // Landlines: 2-digit area codes are 10 (Beijing) and 2x (Shanghai, Guangzhou…), the others 3 digits
  // starting 3–9; subscriber numbers of 7 or 8 digits (400/800 service numbers group the same way:
  // 400 123 4567). Anything else is shown as stored.
  if (!/^(?:10|[2-9])/.test(cn)) return value;
  const area = /^(?:10|2)/.test(cn) ? 2 : 3;
  const subscriber = cn.slice(area);
  if (subscriber.length === 8) return `+86 ${cn.slice(0, area)} ${subscriber.slice(0, 4)} ${subscriber.slice(4)}`;
  if (subscriber.length === 7) return `+86 ${cn.slice(0, area)} ${subscriber.slice(0, 3)} ${subscriber.slice(3)}`;
  return value;
}

/**
 * Whether the number as the file wrote it is worth showing beside phoneText(value): not when it has
 * the same digits, with or without the +86 or the trunk 0 ("138-0013-8000", "010 6552 9988").
 */
export function originalWorthShowing(original: string, value: string): boolean {
  const written = original.replace(/\D/g, '');
  const stored = value.replace(/\D/g, '');
  if (written === stored) return false;
  if (!value.startsWith('+86')) return true;
  const national = stored.slice(2);
  return written !== national && written !== '0' + national;
}
