import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import type { CasesDeps, Ctx } from '../cases.deps.js';
import { PENALTY_TYPES, type Penalty, type PenaltyType } from '../cases.schema.js';
import { DISCRETION_LEVELS, type DiscretionLevel, type DiscretionLevelSpec, VIOLATION_AREAS, type ViolationArea, discretionRules } from './discretion.schema.js';

type RuleRow = typeof discretionRules.$inferSelect;

/** A rule's key: a lower-case letter first, then lower-case letters, digits and underscores. */
export const DISCRETION_KEY_PATTERN = '^[a-z][a-z0-9_]{1,59}$';

/** Chinese names of the levels (裁量阶次), as documents and messages print them. */
export const LEVEL_LABELS: Record<DiscretionLevel, string> = { exempt: '不予处罚', mitigated: '减轻处罚', lighter: '从轻处罚', ordinary: '一般处罚', heavier: '从重处罚' };

/** Chinese names of the penalty types (行政处罚法 §9). */
export const PENALTY_LABELS: Record<PenaltyType, string> = {
  warning: '警告',
  criticism: '通报批评',
  fine: '罚款',
  confiscation_gains: '没收违法所得',
  confiscation: '没收非法财物',
  suspension: '责令停产停业',
  revocation: '吊销许可证',
};

export interface NewDiscretionRule {
  key: string;
  area: ViolationArea;
  violation: string;
  violatedProvision: string;
  penaltyProvision: string;
  levels: DiscretionLevelSpec[];
  active?: boolean;
  sortOrder?: number;
}

export type DiscretionRuleChanges = Partial<Omit<NewDiscretionRule, 'key'>>;

/** The API's view of a rule (the row as it is). */
const view = (r: RuleRow) => ({
  key: r.key,
  area: r.area,
  violation: r.violation,
  violatedProvision: r.violatedProvision,
  penaltyProvision: r.penaltyProvision,
  levels: r.levels,
  active: r.active,
  sortOrder: r.sortOrder,
  version: r.version,
  updatedByName: r.updatedByName,
  updatedAt: r.updatedAt,
});
export type DiscretionRuleView = ReturnType<typeof view>;

const isMoney = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && Math.round(n * 100) === n * 100;

/**
 * Checks a rule's levels: at least one, each level key known and used once, penalty types known
 * and not repeated, fine bounds money (≥ 0, at most 2 decimals) with fineMin ≤ fineMax, bounds only
 * on a level that allows a fine, texts bounded. Returns them in DISCRETION_LEVELS order.
 */
export function checkLevels(levels: unknown): DiscretionLevelSpec[] {
  if (!Array.isArray(levels) || levels.length === 0) throw invalid('levels', '请至少填写一个裁量阶次');
  const seen = new Set<string>();
  const out: DiscretionLevelSpec[] = [];
  levels.forEach((raw: Partial<DiscretionLevelSpec>, i) => {
    const at = `levels.${i}`;
    if (!raw || typeof raw !== 'object') throw invalid(at, '裁量阶次格式不正确');
    if (!DISCRETION_LEVELS.includes(raw.level as DiscretionLevel)) throw invalid(`${at}.level`, `未知的裁量阶次：${String(raw.level)}`);
    if (seen.has(raw.level!)) throw invalid(`${at}.level`, `裁量阶次“${LEVEL_LABELS[raw.level!]}”重复`, 'DUPLICATE_LEVEL');
    seen.add(raw.level!);
    const circumstances = requireText(raw.circumstances, `${at}.circumstances`, '适用情形', 1000);
    const types = raw.penaltyTypes ?? [];
    if (!Array.isArray(types)) throw invalid(`${at}.penaltyTypes`, '处罚种类格式不正确');
    for (const t of types) if (!PENALTY_TYPES.includes(t)) throw invalid(`${at}.penaltyTypes`, `未知的处罚种类：${String(t)}`, 'UNKNOWN_PENALTY_TYPE');
    if (new Set(types).size !== types.length) throw invalid(`${at}.penaltyTypes`, '处罚种类重复');
    if (raw.level === 'exempt' && types.length > 0) throw invalid(`${at}.penaltyTypes`, '不予处罚的阶次不能列处罚种类');
    const fineMin = raw.fineMin ?? null;
    const fineMax = raw.fineMax ?? null;
    if (fineMin !== null && !isMoney(fineMin)) throw invalid(`${at}.fineMin`, '罚款下限应为不小于 0 的金额（元，最多两位小数）');
    if (fineMax !== null && !isMoney(fineMax)) throw invalid(`${at}.fineMax`, '罚款上限应为不小于 0 的金额（元，最多两位小数）');
    if (fineMin !== null && fineMax !== null && fineMin > fineMax) throw invalid(`${at}.fineMin`, '罚款下限不能大于上限', 'FINE_BOUNDS');
    if ((fineMin !== null || fineMax !== null) && !types.includes('fine')) throw invalid(`${at}.penaltyTypes`, '设定了罚款幅度的阶次应包含罚款');
    const fineRule = raw.fineRule?.trim() ? requireText(raw.fineRule, `${at}.fineRule`, '罚款幅度', 200) : null;
    out.push({ level: raw.level!, circumstances, penaltyTypes: types, fineMin, fineMax, fineRule });
  });
  return out.sort((a, b) => DISCRETION_LEVELS.indexOf(a.level) - DISCRETION_LEVELS.indexOf(b.level));
}

/**
 * The discretion table (行政处罚裁量基准): read with `case.read`, changed with `case.configure` by
 * city-wide users; every change is versioned (If-Match) and audited (`case_discretion_rule.created`,
 * `case_discretion_rule.updated`). A rule is never deleted: it is deactivated (decisions name it).
 * `check` is the decision's test of its penalties against a rule's level.
 */
export function makeDiscretionService(deps: Pick<CasesDeps, 'db' | 'audit'>) {
  const { db, audit } = deps;

  async function find(tx: Db, key: string, lock = false) {
    const query = tx.select().from(discretionRules).where(eq(discretionRules.key, key));
    const [row] = await (lock ? query.for('update') : query);
    if (!row) throw notFound('裁量基准');
    return row;
  }

  function assertCityWide(ctx: Ctx) {
    if (ctx.actor.dataScope !== 'all') throw forbidden('行政处罚裁量基准为全市统一配置，只有市局可以修改');
  }

  const checkArea = (area: unknown): ViolationArea => {
    if (!VIOLATION_AREAS.includes(area as ViolationArea)) throw invalid('area', `未知的违法领域：${String(area)}`);
    return area as ViolationArea;
  };

  return {
    /** The rules in their order (sortOrder, key); `active` and `area` filter. */
    async list(filter: { area?: ViolationArea; active?: boolean } = {}, page: Page = { page: 1, pageSize: 100 }) {
      const where = and(filter.area ? eq(discretionRules.area, filter.area) : undefined, filter.active === undefined ? undefined : eq(discretionRules.active, filter.active));
      const [rows, [count]] = await Promise.all([
        db.select().from(discretionRules).where(where).orderBy(asc(discretionRules.sortOrder), asc(discretionRules.key)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(discretionRules).where(where),
      ]);
      return { items: rows.map(view), total: count!.n };
    },

    async get(key: string) {
      return view(await find(db, key));
    },

    /** Adds a rule (409 DUPLICATE when the key is taken). */
    async create(ctx: Ctx, input: NewDiscretionRule) {
      assertCityWide(ctx);
      if (!new RegExp(DISCRETION_KEY_PATTERN).test(input.key ?? '')) throw invalid('key', '裁量基准代码应以小写字母开头，只含小写字母、数字和下划线（2–60 个字符）');
      const values = {
        key: input.key,
        area: checkArea(input.area),
        violation: requireText(input.violation, 'violation', '违法行为', 500),
        violatedProvision: requireText(input.violatedProvision, 'violatedProvision', '违法条款', 500),
        penaltyProvision: requireText(input.penaltyProvision, 'penaltyProvision', '处罚依据', 500),
        levels: checkLevels(input.levels),
        active: input.active ?? true,
        sortOrder: input.sortOrder ?? 0,
        updatedByName: ctx.actor.name,
      };
      return inTransaction(db, async (tx) => {
        const [taken] = await tx.select({ key: discretionRules.key }).from(discretionRules).where(eq(discretionRules.key, input.key));
        if (taken) throw new AppError('DUPLICATE', `裁量基准代码“${input.key}”已被使用`, 409, { field: 'key' });
        const [row] = await tx.insert(discretionRules).values(values).returning();
        const after = view(row!);
        await audit.record(tx, ctx, { action: 'case_discretion_rule.created', targetType: 'case_discretion_rule', targetId: row!.key, after });
        return after;
      });
    },

    /** Changes a rule (the fields given); decisions already made keep their wording. */
    async update(ctx: Ctx, key: string, input: DiscretionRuleChanges, expected?: ExpectedVersion) {
      assertCityWide(ctx);
      const set: Partial<typeof discretionRules.$inferInsert> = {};
      if (input.area !== undefined) set.area = checkArea(input.area);
      if (input.violation !== undefined) set.violation = requireText(input.violation, 'violation', '违法行为', 500);
      if (input.violatedProvision !== undefined) set.violatedProvision = requireText(input.violatedProvision, 'violatedProvision', '违法条款', 500);
      if (input.penaltyProvision !== undefined) set.penaltyProvision = requireText(input.penaltyProvision, 'penaltyProvision', '处罚依据', 500);
      if (input.levels !== undefined) set.levels = checkLevels(input.levels);
      if (input.active !== undefined) set.active = input.active;
      if (input.sortOrder !== undefined) set.sortOrder = input.sortOrder;
      return inTransaction(db, async (tx) => {
        const before = await find(tx, key, true);
        assertVersion(expected, before.version);
        const [row] = await tx
          .update(discretionRules)
          .set({ ...set, updatedByName: ctx.actor.name, version: nextVersion(discretionRules.version), updatedAt: new Date() })
          .where(eq(discretionRules.key, key))
          .returning();
        const after = view(row!);
        await audit.record(tx, ctx, { action: 'case_discretion_rule.updated', targetType: 'case_discretion_rule', targetId: key, before: view(before), after });
        return after;
      });
    },

    /**
     * The decision's test (400 naming the field): the rule exists and is active, the level is one
     * of its levels and not `exempt` (不予处罚 decides no penalty), every penalty's type is allowed
     * by the level, and a fine lies within the level's [fineMin, fineMax] where set. Returns the
     * rule and the level.
     */
    async check(tx: Db, ruleKey: string, level: string, penalties: readonly Penalty[]): Promise<{ rule: RuleRow; spec: DiscretionLevelSpec }> {
      const [rule] = await tx.select().from(discretionRules).where(eq(discretionRules.key, ruleKey));
      if (!rule) throw invalid('discretionRuleKey', `裁量基准“${ruleKey}”不存在`, 'DISCRETION_RULE_NOT_FOUND');
      if (!rule.active) throw invalid('discretionRuleKey', `裁量基准“${ruleKey}”已停用`, 'DISCRETION_RULE_INACTIVE');
      const spec = rule.levels.find((l) => l.level === level);
      if (!spec) throw invalid('discretionLevel', `裁量基准“${ruleKey}”没有该裁量阶次：${level}`, 'DISCRETION_LEVEL_UNKNOWN');
      if (spec.penaltyTypes.length === 0) throw invalid('discretionLevel', `该裁量阶次为${LEVEL_LABELS[spec.level]}，不能作出处罚决定`, 'DISCRETION_LEVEL_NO_PENALTY');
      penalties.forEach((p, i) => {
        if (!spec.penaltyTypes.includes(p.type)) {
          throw new AppError('PENALTY_NOT_ALLOWED', `${LEVEL_LABELS[spec.level]}阶次不允许“${PENALTY_LABELS[p.type]}”（可选：${spec.penaltyTypes.map((t) => PENALTY_LABELS[t]).join('、')}）`, 400, {
            field: `penalties.${i}.type`,
            allowed: spec.penaltyTypes,
          });
        }
        if (p.type === 'fine' && p.amount != null) {
          if ((spec.fineMin !== null && p.amount < spec.fineMin) || (spec.fineMax !== null && p.amount > spec.fineMax)) {
            const bounds = `${spec.fineMin ?? 0}–${spec.fineMax ?? '∞'} 元`;
            throw new AppError('FINE_OUT_OF_RANGE', `罚款金额超出${LEVEL_LABELS[spec.level]}阶次的幅度（${bounds}）`, 400, { field: `penalties.${i}.amount`, fineMin: spec.fineMin, fineMax: spec.fineMax });
          }
        }
      });
      return { rule, spec };
    },
  };
}

export type DiscretionService = ReturnType<typeof makeDiscretionService>;
