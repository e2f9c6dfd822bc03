/** Every table of the application, for Drizzle's relational typing and drizzle-kit. */
export * from '../platform/jurisdiction/jurisdiction.schema.js';
export * from '../platform/users/users.schema.js';
export * from '../platform/access/access.schema.js';
export * from '../platform/auth/auth.schema.js';
export * from '../platform/audit/audit.schema.js';
export * from '../platform/ratelimit/ratelimit.schema.js';
export * from '../platform/calendar/calendar.schema.js';
export * from '../modules/enterprises/enterprises.schema.js';
export * from '../modules/licences/licences.schema.js';
export * from '../modules/licences/feedback/feedback.schema.js';
export * from '../modules/licences/leads/leads.schema.js';
export * from '../modules/licences/exits/exits.schema.js';
export * from '../platform/todos/todos.schema.js';
export * from '../modules/inspections/inspections.schema.js';
export * from '../modules/inspections/tasks/tasks.schema.js';
