import type { Services } from '../app.js';
import { idCheckChar } from '../platform/validation/id-number.js';
import type { Actor, RequestContext } from '../platform/access/actor.js';
import { addDays } from '../platform/calendar/dates.js';
import type { DemoUnit } from './equipment-generator.js';
import { type Rng, makeRng } from './random.js';
import { GIVEN_CHARS, SURNAMES } from './words.js';

/** The main work item (TSG Z6001) of operators of each category whose units need a certified operator. */
const WORK_ITEM: Record<string, string> = { '1000': 'G1', '4000': 'Q2', '5000': 'N1', '6000': 'Y2', '9000': 'S2' };
/** Work items of the demo's exam session. */
const EXAM_ITEMS = ['N1', 'Q2', 'G1'];

export interface OperatorsDemoSummary {
  operators: number;
  certificates: number;
  examSessions: number;
  candidates: number;
  passed: number;
}

type Ctx = RequestContext & { actor: Actor };

function personName(rng: Rng): string {
  const surname = rng.pick(SURNAMES.filter((s) => s.length === 1));
  return surname + (rng.chance(0.3) ? rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS));
}

/** A valid 18-digit ID number (GB 11643 check character), unique per `serial` (its birth date). */
function idNumber(rng: Rng, regionCode: string, serial: number): string {
  const birth = addDays('1966-01-01', serial * 3 + rng.int(3)).replace(/-/g, '');
  const body = `${regionCode}${birth}${String(rng.int(1000)).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

/**
 * Operators (作业人员) through the operators part's service — so their ID numbers are sealed, masked
 * and hashed as the service does it, and each creation audited — by the city officer: for most user
 * units whose units need a certified operator (boilers, cranes, in-plant vehicles, rides, ropeways),
 * one to three operators with the certificate of the work item (some also 安全管理 A); certificates
 * issued up to 4 years and 3 months ago, so some expire within 90 days and some have lapsed; about
 * one user unit in seven has none (the certified-operator rate is below 100 %). Then one exam
 * session two weeks ago with new trainees and renewals, its results in: passes issue or renew
 * certificates, a few fail.
 */
export async function loadOperatorsDemo(services: Services, officer: Ctx, opts: { seed: number; today: string; units: DemoUnit[]; max: number; institutionUscc: string | null }): Promise<OperatorsDemoSummary> {
  const rng = makeRng(opts.seed ^ 0x0e7a);
  const summary: OperatorsDemoSummary = { operators: 0, certificates: 0, examSessions: 0, candidates: 0, passed: 0 };
  const needing = new Map<string, { regionCode: string; items: Set<string>; units: number }>();
  for (const u of opts.units) {
    const item = WORK_ITEM[u.category];
    if (!item || u.status !== 'in_use') continue;
    const entry = needing.get(u.userUscc) ?? { regionCode: u.regionCode, items: new Set<string>(), units: 0 };
    entry.items.add(item);
    entry.units++;
    needing.set(u.userUscc, entry);
  }
  let serial = 0;
  let certSerial = 0;
  const certificateNo = (item: string) => `苏H${item}${String(++certSerial).padStart(6, '0')}`;
  const trained: { id: string; item: string }[] = [];
  for (const [uscc, entry] of [...needing].sort(([a], [b]) => a.localeCompare(b))) {
    if (summary.operators >= opts.max) break;
    if (!rng.chance(0.86)) continue;
    const people = Math.min(3, 1 + Math.floor(entry.units / 4));
    for (let p = 0; p < people && summary.operators < opts.max; p++) {
      const items = [...entry.items].sort();
      const certificates = items.map((item) => ({ workItem: item, certificateNo: certificateNo(item), issuedOn: addDays(opts.today, -rng.int(4 * 365 + 90)) }));
      if (p === 0 && rng.chance(0.3)) certificates.push({ workItem: 'A', certificateNo: certificateNo('A'), issuedOn: addDays(opts.today, -rng.int(4 * 365)) });
      const created = await services.equipment.operators.create(officer, { name: personName(rng), idNumber: idNumber(rng, entry.regionCode, serial++), employerUscc: uscc, certificates });
      summary.operators++;
      summary.certificates += certificates.length;
      if (EXAM_ITEMS.includes(items[0]!) && trained.length < 6) trained.push({ id: created.id, item: items[0]! });
    }
  }

  if (!opts.institutionUscc || trained.length === 0) return summary;
  // One exam session two weeks ago: new trainees (no certificate yet) and renewals, results in.
  const heldOn = addDays(opts.today, -14);
  const session = await services.equipment.operators.exams.createSession(officer, { heldOn, place: '淮安市特种设备作业人员考试中心（清江浦区）', institutionUscc: opts.institutionUscc, workItems: EXAM_ITEMS, trainingHours: 24 });
  summary.examSessions++;
  const employers = [...needing.keys()].sort();
  const candidates: { operatorId: string; item: string; fresh: boolean }[] = trained.map((t) => ({ operatorId: t.id, item: t.item, fresh: false }));
  for (let i = 0; i < 8; i++) {
    const employerUscc = employers[(i * 37) % employers.length]!;
    const trainee = await services.equipment.operators.create(officer, { name: personName(rng), idNumber: idNumber(rng, needing.get(employerUscc)!.regionCode, serial++), employerUscc, certificates: [] });
    summary.operators++;
    candidates.push({ operatorId: trainee.id, item: EXAM_ITEMS[i % EXAM_ITEMS.length]!, fresh: true });
  }
  for (const [i, c] of candidates.entries()) {
    const added = await services.equipment.operators.exams.addCandidate(officer, session.id, { operatorId: c.operatorId, workItem: c.item });
    summary.candidates++;
    const failing = i % 5 === 3;
    const result = await services.equipment.operators.exams.recordResult(officer, session.id, added.id, {
      theoryScore: failing ? 52 + rng.int(7) : 68 + rng.int(30),
      practicalScore: 65 + rng.int(35),
      issuedOn: addDays(heldOn, 7),
      ...(c.fresh ? { certificateNo: certificateNo(c.item) } : {}),
    });
    if (result.passed) {
      summary.passed++;
      if (c.fresh) summary.certificates++;
    }
  }
  return summary;
}
