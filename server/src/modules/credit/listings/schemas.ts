import { Type } from '@sinclair/typebox';
import { VersionSchema } from '../../../platform/http/etag.js';
import { DateString, Nullable, NullableTimestamp, Timestamp, literals } from '../../../platform/http/schemas.js';
import { LISTING_SOURCES, LISTING_STATUSES, REMOVAL_KINDS, REPAIR_STATUSES } from '../credit.schema.js';

/** Response schemas of the listings part (README.md). */
const NStr = Nullable(Type.String());
const NDate = Nullable(DateString);

export const Condition = Type.Object({
  key: literals(['min_time', 'penalties_paid', 'no_new_violation', 'commitment'] as const),
  met: Type.Boolean(),
  detail: Type.String(),
});

export const Repair = Type.Object({
  id: Type.String(),
  listingId: Type.String(),
  enterpriseId: Type.String(),
  uscc: Type.String(),
  regionCode: Type.String(),
  statement: Type.String(),
  commitment: Type.String({ description: '信用承诺' }),
  appliedByName: Type.String(),
  appliedAt: Timestamp,
  conditions: Type.Array(Condition, { description: '系统核查的修复条件（申请时；决定准予时重新核查）' }),
  status: literals(REPAIR_STATUSES),
  decidedByName: NStr,
  decidedAt: NullableTimestamp,
  decisionReason: NStr,
  version: VersionSchema,
});

const ListingFields = {
  id: Type.String(),
  listingNo: Type.String({ description: 'SX + 年份 + 4 位序号' }),
  enterpriseId: Type.String(),
  uscc: Type.String(),
  regionCode: Type.String(),
  enterpriseName: Type.String(),
  source: literals(LISTING_SOURCES),
  caseId: NStr,
  caseNo: NStr,
  ruleKey: NStr,
  reason: Type.String(),
  legalBasis: Type.String(),
  status: literals(LISTING_STATUSES),
  proposedByName: Type.String(),
  proposedAt: Timestamp,
  noticeSentOn: NDate,
  answerDue: Nullable(DateString),
  answer: Type.Union([Type.String({ description: '企业的陈述申辩意见' }), Type.Null()]),
  answeredAt: NullableTimestamp,
  answeredByName: NStr,
  decidedByName: NStr,
  decidedAt: NullableTimestamp,
  decisionNote: NStr,
  listedOn: NDate,
  until: Type.Union([DateString, Type.Null()], { description: '列入期限最后一日（含）' }),
  publishedAt: NullableTimestamp,
  removedOn: NDate,
  removalKind: Nullable(literals(REMOVAL_KINDS)),
  removalReason: NStr,
  version: VersionSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const Listing = Type.Object(ListingFields);

export const ListingDetail = Type.Object({
  ...ListingFields,
  events: Type.Array(Type.Object({ at: Timestamp, actorName: Type.String(), action: Type.String(), fromStatus: NStr, toStatus: NStr, note: NStr })),
  repairs: Type.Array(Repair),
});

/** One entry of the public list: exactly the contract's fields. */
export const PublicListing = Type.Object({ uscc: Type.String(), name: Type.String(), reason: Type.String(), legalBasis: Type.String(), listedOn: DateString, until: DateString });

/** A listing as its enterprise's account sees it. */
export const MyListing = Type.Object({
  id: Type.String(),
  listingNo: Type.String(),
  status: literals(LISTING_STATUSES),
  reason: Type.String(),
  legalBasis: Type.String(),
  caseNo: NStr,
  noticeSentOn: NDate,
  answerDue: NDate,
  answer: NStr,
  answeredAt: NullableTimestamp,
  decidedAt: NullableTimestamp,
  listedOn: NDate,
  until: NDate,
  removedOn: NDate,
  removalKind: Nullable(literals(REMOVAL_KINDS)),
  version: VersionSchema,
});

export const MyRepair = Type.Object({
  id: Type.String(),
  listingId: Type.String(),
  statement: Type.String(),
  commitment: Type.String(),
  appliedAt: Timestamp,
  conditions: Type.Array(Condition),
  status: literals(REPAIR_STATUSES),
  decidedAt: NullableTimestamp,
  decisionReason: NStr,
});

export const MyCredit = Type.Object({ listings: Type.Array(MyListing), repairs: Type.Array(MyRepair) });

export const Candidate = Type.Object({
  uscc: Type.String(),
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  ruleKey: Type.String(),
  count: Type.Integer({ description: '窗口内符合规则的事件数' }),
  lastOn: DateString,
  titles: Type.Array(Type.String()),
});
