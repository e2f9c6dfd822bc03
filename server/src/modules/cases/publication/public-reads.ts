/**
 * The publication's part of an enterprise's public record, as SQL that other modules embed (the
 * portal's open-data file): a scalar subquery for the enterprise row aliased `e`.
 */

/** The number of the enterprise's penalty decisions published and in their public period today (China time), as `publicList` shows them. */
export const PUBLIC_PENALTY_COUNT_OF_E = `(select count(*)::int
       from penalty_publications p join cases c on c.id = p.case_id
      where c.uscc = e.uscc and p.status = 'published'
        and p.published_on <= (now() at time zone 'Asia/Shanghai')::date
        and p.public_until >= (now() at time zone 'Asia/Shanghai')::date)`;
