import { dataMapSchema, type DataMap } from '../../shared/datamap';

const col = (category: DataMap['tables'][number]['columns'][string]['category']) => ({ category });
const belongsToCustomer = {
  kind: 'belongs-to' as const,
  to: 'reflect.customers',
  on: [['customer_id', 'customer_id'] as [string, string]],
};
const technical = { version: col('technical') };

/**
 * Reflect's own reference tables (`central install` creates them in schema `reflect`) written
 * as a data map: the map a company's database is described by, for the tables the demo and
 * the reference install use. Checked against the installed schema in the tests.
 */
export const REFERENCE_DATA_MAP: DataMap = dataMapSchema.parse({
  format: 'reflect-data-map/1',
  subject: {
    table: 'reflect.customers',
    identity: {
      full_name: { table: 'reflect.customers', column: 'name' },
      email: { table: 'reflect.customers', column: 'email' },
      phone: { table: 'reflect.customers', column: 'phone' },
      street: { table: 'reflect.addresses', column: 'line1' },
      postcode: { table: 'reflect.addresses', column: 'postcode' },
      locality: { table: 'reflect.addresses', column: 'city' },
      region: { table: 'reflect.addresses', column: 'region' },
      country: { table: 'reflect.addresses', column: 'country' },
    },
  },
  tables: [
    {
      table: 'reflect.customers',
      key: ['customer_id'],
      label: 'Customer record',
      columns: {
        customer_id: col('technical'),
        name: col('identity'),
        email: col('contact'),
        phone: col('contact'),
        status: col('technical'),
        created_at: col('behavioural'),
        last_active: col('behavioural'),
        tags: col('preferences'),
        lifecycle_stage: col('behavioural'),
        attributes: col('identity'),
        restricted: col('technical'),
        merged_into: col('technical'),
        ...technical,
      },
    },
    {
      table: 'reflect.addresses',
      key: ['address_id'],
      link: belongsToCustomer,
      label: 'Addresses',
      columns: {
        address_id: col('technical'),
        customer_id: col('technical'),
        kind: col('address'),
        line1: col('address'),
        line2: col('address'),
        city: col('address'),
        region: col('address'),
        postcode: col('address'),
        country: col('address'),
        created_at: col('technical'),
        ...technical,
      },
    },
    {
      table: 'reflect.orders',
      key: ['order_id'],
      link: belongsToCustomer,
      label: 'Orders',
      columns: {
        order_id: col('technical'),
        customer_id: col('technical'),
        placed_at: col('financial'),
        status: col('financial'),
        total_cents: col('financial'),
        currency: col('financial'),
        ...technical,
      },
    },
    {
      table: 'reflect.interactions',
      key: ['interaction_id'],
      link: belongsToCustomer,
      label: 'Contacts with us',
      columns: {
        interaction_id: col('technical'),
        customer_id: col('technical'),
        channel: col('behavioural'),
        occurred_at: col('behavioural'),
        summary: col('free_text'),
        ...technical,
      },
    },
    {
      table: 'reflect.events',
      key: ['event_id'],
      link: belongsToCustomer,
      label: 'Activity',
      columns: {
        event_id: col('technical'),
        customer_id: col('technical'),
        event_type: col('behavioural'),
        occurred_at: col('behavioural'),
        metadata: col('behavioural'),
        ...technical,
      },
    },
    {
      table: 'reflect.consents',
      key: ['consent_id'],
      link: belongsToCustomer,
      label: 'Consents',
      columns: {
        consent_id: col('technical'),
        customer_id: col('technical'),
        purpose: col('preferences'),
        granted: col('preferences'),
        source: col('preferences'),
        granted_at: col('preferences'),
        withdrawn_at: col('preferences'),
        updated_at: col('technical'),
        ...technical,
      },
    },
  ],
  questions: [],
});
