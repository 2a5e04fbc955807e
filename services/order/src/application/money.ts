/** Minor units as a person reads them: 1299 EUR cents → "12.99 EUR" (JPY has no minor unit: 1299 → "1299 JPY"). */
export function formatMoney(minorUnits: number, currency: string): string {
  const digits = fractionDigits(currency);
  return `${(minorUnits / 10 ** digits).toFixed(digits)} ${currency}`;
}

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2; // not an ISO 4217 code Intl knows
  }
}
