import type pg from 'pg';

/** The person to be erased: two records of them (a duplicate with a typo), ids 100001 and 100002,
 * beside the demo population (ids up to a few thousand). */
export const SUBJECT_IDS = [100001, 100002] as const;

/**
 * Every value of theirs a scan looks for: each name and name part, the emails (one only ever
 * typed on a desk, as a rectification), the phone as stored and as digits, the address, and the
 * texts only their interactions and events hold.
 */
export const SUBJECT_VALUES = [
  'Zephyrine Quillfeather',
  'Zephyrine',
  'Quillfeather',
  'Quilfeather',
  'zephyrine.quillfeather@example.net',
  'z.quillfeather@example.net',
  'quillfeather.new@example.net',
  '+44 20 7946 0321',
  '442079460321',
  '17 Marrowgate Lane',
  'Marrowgate',
  'Wexcombe',
  'WX4 9QZ',
  'heirloom teapot',
  'ZEPHYR-LOYALTY-77',
  'late parcel to Wexcombe',
] as const;

/** Plants the two records with addresses, orders, interactions, events and consents. */
export async function plantSubject(central: pg.ClientBase): Promise<void> {
  await central.query(`
    INSERT INTO reflect.customers (customer_id, name, email, phone, status, attributes) VALUES
      (100001, 'Zephyrine Quillfeather', 'zephyrine.quillfeather@example.net', '+44 20 7946 0321', 'active',
       '{"given_name": "Zephyrine", "family_name": "Quillfeather", "date_of_birth": "1979-05-14"}'),
      (100002, 'Zephyrine Quilfeather', 'z.quillfeather@example.net', '+44 20 7946 0321', 'active',
       '{"given_name": "Zephyrine", "family_name": "Quilfeather", "date_of_birth": "1979-05-14"}');
    INSERT INTO reflect.addresses (customer_id, kind, line1, city, postcode, country) VALUES
      (100001, 'home', '17 Marrowgate Lane', 'Wexcombe', 'WX4 9QZ', 'GB'),
      (100002, 'home', '17 Marrowgate Lane', 'Wexcombe', 'WX4 9QZ', 'GB');
    INSERT INTO reflect.orders (customer_id, placed_at, status, total_cents, currency) VALUES
      (100001, '2026-11-02T10:00:00Z', 'delivered', 8450, 'GBP'),
      (100002, '2026-12-01T10:00:00Z', 'delivered', 1200, 'GBP');
    INSERT INTO reflect.interactions (customer_id, channel, occurred_at, summary) VALUES
      (100001, 'phone', '2026-11-05T09:00:00Z', 'Asked about the heirloom teapot'),
      (100002, 'email', '2026-12-04T09:00:00Z', 'Complained of a late parcel to Wexcombe');
    INSERT INTO reflect.events (customer_id, event_type, occurred_at, metadata) VALUES
      (100001, 'coupon_redeemed', '2026-11-02T10:00:00Z', '{"coupon": "ZEPHYR-LOYALTY-77"}');
    INSERT INTO reflect.consents (customer_id, purpose, granted, source, granted_at) VALUES
      (100001, 'marketing_email', true, 'web_form', '2026-01-01T00:00:00Z'),
      (100002, 'marketing_sms', false, 'call_centre', NULL);
  `);
}
