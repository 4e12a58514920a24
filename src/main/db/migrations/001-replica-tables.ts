import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * Replica of the central reference schema. No foreign keys: central enforces them, and the
 * change-log replay may deliver a child before its parent within one pull. Children's
 * `customer_id` is nullable because erasure may detach them (orders kept for bookkeeping).
 */
export const replicaTables: Migration = {
  version: 1,
  name: 'replica-tables',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('customers')
      .addColumn('customer_id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_active', 'text')
      .addColumn('tags', 'text', (c) =>
        c
          .notNull()
          .defaultTo('[]')
          .check(sql`json_valid(tags)`),
      )
      .addColumn('lifecycle_stage', 'text')
      .addColumn('attributes', 'text', (c) =>
        c
          .notNull()
          .defaultTo('{}')
          .check(sql`json_valid(attributes)`),
      )
      .addColumn('restricted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('merged_into', 'integer')
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('customers_email')
      .on('customers')
      .column(sql`lower(email)`)
      .execute();
    await db.schema.createIndex('customers_phone').on('customers').column('phone').execute();
    await db.schema.createIndex('customers_name').on('customers').column('name').execute();

    await db.schema
      .createTable('addresses')
      .addColumn('address_id', 'integer', (c) => c.primaryKey())
      .addColumn('customer_id', 'integer')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('line1', 'text', (c) => c.notNull())
      .addColumn('line2', 'text')
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('region', 'text')
      .addColumn('postcode', 'text')
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('addresses_customer')
      .on('addresses')
      .column('customer_id')
      .execute();
    await db.schema.createIndex('addresses_postcode').on('addresses').column('postcode').execute();

    await db.schema
      .createTable('orders')
      .addColumn('order_id', 'integer', (c) => c.primaryKey())
      .addColumn('customer_id', 'integer')
      .addColumn('placed_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('total_cents', 'integer', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('orders_customer').on('orders').column('customer_id').execute();

    await db.schema
      .createTable('interactions')
      .addColumn('interaction_id', 'integer', (c) => c.primaryKey())
      .addColumn('customer_id', 'integer')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('interactions_customer')
      .on('interactions')
      .columns(['customer_id', 'occurred_at'])
      .execute();

    await db.schema
      .createTable('events')
      .addColumn('event_id', 'integer', (c) => c.primaryKey())
      .addColumn('customer_id', 'integer')
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('metadata', 'text', (c) =>
        c
          .notNull()
          .defaultTo('{}')
          .check(sql`json_valid(metadata)`),
      )
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('events_customer')
      .on('events')
      .columns(['customer_id', 'occurred_at'])
      .execute();

    await db.schema
      .createTable('consents')
      .addColumn('consent_id', 'integer', (c) => c.primaryKey())
      .addColumn('customer_id', 'integer')
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('granted', 'integer', (c) => c.notNull().check(sql`granted IN (0, 1)`))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'text')
      .addColumn('withdrawn_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('consents_customer').on('consents').column('customer_id').execute();
  },
};
