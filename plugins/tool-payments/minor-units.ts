/** Converts an amount a person writes (12.50 EUR) to the integer minor units payment APIs take (1250). */
import { UserError } from '../../runtime/workflow/errors.ts';

// Currencies without cents, per Stripe's documentation: amounts are sent as they are.
const ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);

/** `amount` in the currency's minor unit; throws when it has more decimals than the currency allows. */
export function toMinorUnits(amount: number, currency: string, where: string): number {
  const factor = ZERO_DECIMAL.has(currency.toUpperCase()) ? 1 : 100;
  const minor = Math.round(amount * factor);
  if (Math.abs(minor - amount * factor) > 1e-6) {
    throw new UserError(
      'invalid-amount',
      `${where}: ${amount} ${currency.toUpperCase()} has more decimals than the currency allows`,
    );
  }
  if (minor <= 0)
    throw new UserError('invalid-amount', `${where}: amount must be greater than 0, got ${amount}`);
  return minor;
}

/** Minor units back to the amount a person reads. */
export function fromMinorUnits(minor: number, currency: string): number {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? minor : minor / 100;
}
