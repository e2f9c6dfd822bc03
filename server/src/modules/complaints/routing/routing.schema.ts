import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Topics (专业) an item is routed by to a city section: 特种设备, 计量, 产品质量, 标准化, and 其他
 * (no section). Preloaded; `complaint.configure` renames them and points them at another section.
 * `sectionName` names the city section at first start; `sectionId` is what routing uses.
 */
export const complaintTopics = pgTable('complaint_topics', {
  key: text().primaryKey(),
  name: text().notNull(),
  nameEn: text().notNull(),
  sectionName: text(),
  sectionId: uuid(),
  sort: integer().notNull().default(0),
  version: integer().notNull().default(1),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Marked categories of a topic (e.g. 电梯困人, 锅炉泄漏, 压力容器泄漏). An `urgent` one (a
 * special-equipment danger in use) makes the item urgent: dispatched the same day, escalated to
 * the section head when not acknowledged within `ZJ_COMPLAINT_ACK_HOURS` (2) hours.
 */
export const complaintCategories = pgTable('complaint_categories', {
  key: text().primaryKey(),
  topic: text()
    .notNull()
    .references(() => complaintTopics.key),
  name: text().notNull(),
  nameEn: text().notNull(),
  urgent: boolean().notNull().default(false),
  active: boolean().notNull().default(true),
  sort: integer().notNull().default(0),
  version: integer().notNull().default(1),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
