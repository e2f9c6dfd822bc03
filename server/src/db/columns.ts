import { customType } from 'drizzle-orm/pg-core';

/** Binary content (generated documents, attachments) as a Node Buffer on both drivers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
