import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/access/actor.js';
import { enterpriseOf } from '../../../platform/access/enterprise-self.js';
import type { DrawSecrets } from '../../../platform/secrets/draw-secrets.js';
import { ErrorSchema, ListOf, Nullable, Timestamp, literals } from '../../../platform/http/schemas.js';
import { BLINDED_VERSION } from '../draw/blinded.js';
import { blindWith, nonceOf } from '../draw/blinding.js';
import { draws, inspectionPlans } from '../inspections.schema.js';

/** One `zhijian-draw/2` draw an enterprise was a candidate in, with what opens its own blinded id. */
export interface MyDraw {
  drawId: string;
  planName: string;
  status: 'committed' | 'revealed';
  committedAt: Date;
  revealedAt: Date | null;
  /** hex(SHA-256(nonce ‖ UTF-8(USCC))): the id under which the enterprise stands in the published candidates. */
  blindedId: string;
  /** hex(HMAC-SHA256(blind secret, UTF-8(USCC))). */
  nonce: string;
  /** True once the draw is revealed and the enterprise selected. */
  selected: boolean;
}

/**
 * The draws an enterprise's account may check itself in: every committed or revealed
 * `zhijian-draw/2` draw whose frozen candidates hold its USCC, with its own blinded id and nonce
 * (blindWith(nonce, USCC) = blindedId, found among the draw's published blinded ids) and whether it
 * was selected. Only the enterprise's own key is ever opened.
 *
 * A stratum stores its keys as one text, `<key>\n` per candidate (draw/storage.ts): the USCC is
 * found there by the database (strpos over each stratum's text, one draw at a time), so no draw's
 * candidates — up to a million — are loaded here; the blinded id is recomputed from the draw's
 * blind secret (stored sealed, opened here), and "selected" is a containment test on the revealed
 * record's selected ids.
 */
export function makeMyDraws(deps: { db: Db; secrets: DrawSecrets }) {
  const { db } = deps;
  return {
    async list(actor: Actor): Promise<{ items: MyDraw[]; total: number }> {
      const uscc = enterpriseOf(actor);
      const needle = `\n${uscc}\n`;
      const rows = await db
        .select({ id: draws.id, planName: inspectionPlans.name, status: draws.status, committedAt: draws.committedAt, revealedAt: draws.revealedAt, blindSecret: draws.blindSecret })
        .from(draws)
        .innerJoin(inspectionPlans, eq(inspectionPlans.id, draws.planId))
        .where(
          and(
            eq(draws.version, BLINDED_VERSION),
            inArray(draws.status, ['committed', 'revealed']),
            sql`exists (select 1 from jsonb_array_elements(${draws.strata}) as s(stratum) where strpos(${'\n'} || (s.stratum ->> 'keys'), ${needle}) > 0)`,
          ),
        )
        .orderBy(desc(draws.committedAt), asc(draws.id));
      const items: MyDraw[] = [];
      for (const row of rows) {
        if (!row.blindSecret) continue;
        const nonce = nonceOf(deps.secrets.open(row.blindSecret), uscc);
        const blindedId = blindWith(nonce, uscc);
        let selected = false;
        if (row.status === 'revealed') {
          const probe = JSON.stringify({ strata: [{ selected: [blindedId] }] });
          const [hit] = await db
            .select({ id: draws.id })
            .from(draws)
            .where(and(eq(draws.id, row.id), sql`${draws.record} @> ${probe}::jsonb`));
          selected = Boolean(hit);
        }
        items.push({ drawId: row.id, planName: row.planName, status: row.status as MyDraw['status'], committedAt: row.committedAt, revealedAt: row.revealedAt, blindedId, nonce: nonce.toString('hex'), selected });
      }
      return { items, total: items.length };
    },
  };
}

export type MyDraws = ReturnType<typeof makeMyDraws>;

const MyDrawSchema = Type.Object({
  drawId: Type.String(),
  planName: Type.String(),
  status: literals(['committed', 'revealed'] as const),
  committedAt: Timestamp,
  revealedAt: Nullable(Timestamp),
  blindedId: Type.String({ description: '本企业在候选名单中的盲化编号：hex(SHA-256(nonce ‖ 统一社会信用代码))' }),
  nonce: Type.String({ description: '本企业的 nonce（hex），用于自行核验盲化编号' }),
  selected: Type.Boolean({ description: '已揭晓且本企业被抽中' }),
});

/** `GET /api/my/draws`: the enterprise's own place in the draws (staff 403). */
export const myDrawsRoutes =
  (myDraws: MyDraws): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/my/draws',
      {
        config: { access: 'enterprise_self.read' },
        schema: {
          tags: ['enterprise-self'],
          summary: '企业账号：本企业作为候选对象的抽取（zhijian-draw/2），附本企业的盲化编号与 nonce（工作人员 403）',
          response: { 200: ListOf(MyDrawSchema), 403: ErrorSchema },
        },
      },
      async (request) => myDraws.list(request.actor!),
    );
  };
