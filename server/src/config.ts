import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: server/src/config.ts and server/dist/config.js both sit two levels below it. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  /** ZJ_SECRET_KEY as given (hex or base64, 32+ bytes); parsed by platform/secrets. Required with databaseUrl. */
  secretKey: string | undefined;
  /** Where audit anchors (checkpoints of the audit chain) are written: ZJ_AUDIT_ANCHOR_DIR, default DATA_DIR/audit-anchors. */
  auditAnchorDir: string;
  adminPassword: string | undefined;
  jurisdictionFile: string;
  webDir: string;
  migrationsDir: string;
  logLevel: string;
  jobs: boolean;
  cookieSecure: boolean;
  /** Addresses or CIDRs of the reverse proxies whose X-Forwarded-* headers are believed; empty: none. */
  trustProxy: string[];
  session: { idleMinutes: number; absoluteHours: number };
  password: { minLength: number };
  lockout: { threshold: number; windowMinutes: number; lockMinutes: number };
  /** Log-in attempts per minute and client IP, and per minute and username (or trusted device). */
  loginRateLimit: { perIp: number; perUser: number };
  /** Days a browser that signed in stays a trusted device of its user (passes a lock caused by others). */
  deviceTrustDays: number;
  /** Public lookups per client and minute. */
  publicRateLimit: number;
  /** Largest import file accepted, in bytes. */
  importMaxBytes: number;
  /**
   * Where the reader of an import file stops (413): rows and columns of any file; the unzipped
   * bytes and entries of an .xlsx, its shared strings and their characters. The defaults fit a
   * register of a million rows and some twenty columns.
   */
  importLimits: { rows: number; columns: number; unzippedBytes: number; zipEntries: number; sharedStrings: number; sharedStringChars: number };
  /** Working days an officer has to decide a notice from another licensing department (no law fixes it). */
  feedbackDueWorkingDays: number;
  /** Most active accounts one enterprise may hold (企业端). */
  enterpriseAccountsMax: number;
  /** Hours an urgent complaint (a special-equipment danger in use) may wait for acknowledgement before it is escalated to the section head. */
  complaintAckHours: number;
  /** The configurable deadlines and publication rules of enforcement cases (FACTS.md marks most unverified). */
  caseRules: CaseRules;
  /** The configurable rules of product quality spot checks (modules/spotchecks/README.md). */
  spotcheckRules: SpotcheckRules;
  creditRules: CreditRules;
  /** A TrueType/OpenType font with Chinese glyphs for PDF reports (ZJ_PDF_FONT; else a system font found at start, see platform/documents/pdf.ts). */
  pdfFont: string | null;
}

/** Quality credit's rules (FACTS.md marks the details of SAMR Order 44 unverified). */
export interface CreditRules {
  /** The longest an officer's override of a class may last, in days (365). */
  overrideMaxDays: number;
  /** Days the enterprise has to state its case after the advance notice of listing (10). */
  noticeDays: number;
  /** A listing's period in years (Order 44: 3). */
  listYears: number;
  /** Credit repair may be applied for after this many months listed (Order 44: 12). */
  repairMinMonths: number;
  /** Batch checks a department's key may make per minute (60). */
  checkRatePerMinute: number;
  /**
   * Fines plus confiscated amounts (yuan) from which a penalty is 较重 (100,000; unverified, FACTS.md):
   * the listing rule `serious_penalty` and credit repair's `no_new_violation`.
   */
  seriousPenaltyYuan: number;
}

/** Product quality spot checks' rules (FACTS.md marks the repeat rule unverified). */
export interface SpotcheckRules {
  /** The same product of the same enterprise is not sampled again within this many months (6). */
  repeatMonths: number;
  /** An objection may be filed within this many days of receiving the result (产品质量法 §15: 15). */
  objectionDays: number;
  /** The 95 % rule's default mode when a plan is generated without one (`skip`). */
  passRateMode: 'skip' | 'reduce';
  /** In `reduce` mode, the default percentage the batches are reduced by (50). */
  passRateReducePercent: number;
  /** Days a failed enterprise is given to correct (整改期限) by default (30). */
  correctionDays: number;
  /** An institution reports a sample's result on time within this many days of the sampling (its record's on-time rate; 30). */
  resultDays: number;
}

/** Enforcement cases' deadlines and the penalty publication rules (modules/cases/README.md). */
export interface CaseRules {
  /** Decide whether to open a case within this many working days of finding the lead (15). */
  leadWorkingDays: number;
  /** The one extension of that decision, approved (15 working days). */
  leadExtensionWorkingDays: number;
  /** Decide an opened case within this many days of opening (90). */
  decisionDays: number;
  /** The one extension of the decision deadline, approved (30 days). */
  decisionExtensionDays: number;
  /** The party may state a defence or ask for a hearing within this many working days of the notice (行政处罚法 §64: 5). */
  defenceWorkingDays: number;
  /** Publish a decision within this many working days of it (SAMR Order 45 §9: 20). */
  publicationWorkingDays: number;
  /** A fine up to this many yuan (with no heavier penalty) is a low fine: public for 3 months, not 3 years. */
  lowFineYuan: number;
  /** Whether a decision of a warning alone is published (default: not). */
  publishWarnings: boolean;
  /** Early removal of a 3-year publication may be applied for after this many months public (12). */
  earlyRemovalMonths: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Configuration error: ${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`Configuration error: ${name} must be true or false, got "${env[name]}"`);
}

/** A whole percentage from 1 to 99 (a reduction that leaves something). */
function percent(env: Env, name: string, fallback: number): number {
  const value = int(env, name, fallback);
  if (value > 99) throw new Error(`Configuration error: ${name} must be from 1 to 99, got "${env[name]}"`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw new Error(`Configuration error: ${name} must be one of ${values.join(', ')}, got "${raw}"`);
}

/** Names proxy-addr (Fastify's trustProxy) accepts for well-known ranges. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * The trusted proxies: a comma-separated list of addresses or CIDRs (`10.0.0.5, 192.168.1.0/24, ::1`).
 * Empty or `false` trusts nobody. A bare `true` would believe any client's X-Forwarded-For (a spoofed
 * address in the audit log, a rate limit bypassed) and is refused.
 */
function proxyList(env: Env, name: string): string[] {
  const raw = env[name]?.trim() ?? '';
  if (['', '0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return [];
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) {
    throw new Error(`Configuration error: ${name}=${raw} would trust X-Forwarded-For from any client; list the reverse proxy's addresses instead (e.g. ${name}=127.0.0.1 or ${name}=10.0.0.0/24)`);
  }
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    const [address = '', prefix, extra] = value.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (PROXY_RANGES.includes(value) || (family && prefixOk && extra === undefined)) return value;
    throw new Error(`Configuration error: ${name} must list IP addresses or CIDRs (or ${PROXY_RANGES.join(', ')}), got "${value}"`);
  });
}

/** Reads and validates all configuration once; see the README's configuration table. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('Configuration error: DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port: int(env, 'PORT', 3000, 0),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR?.trim() || 'data'),
    databaseUrl,
    secretKey: env.ZJ_SECRET_KEY?.trim() || undefined,
    auditAnchorDir: path.resolve(env.ZJ_AUDIT_ANCHOR_DIR?.trim() || path.join(env.DATA_DIR?.trim() || 'data', 'audit-anchors')),
    adminPassword: env.ZJ_ADMIN_PASSWORD || undefined,
    jurisdictionFile: path.resolve(
      env.ZJ_JURISDICTION_FILE?.trim() || path.join(ROOT_DIR, 'server/data/jurisdiction/huaian.json'),
    ),
    webDir: path.join(ROOT_DIR, 'web/dist'),
    migrationsDir: path.join(ROOT_DIR, 'server/drizzle'),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    jobs: bool(env, 'ZJ_JOBS', true),
    cookieSecure: bool(env, 'ZJ_COOKIE_SECURE', false),
    trustProxy: proxyList(env, 'ZJ_TRUST_PROXY'),
    session: {
      idleMinutes: int(env, 'ZJ_SESSION_IDLE_MINUTES', 30),
      absoluteHours: int(env, 'ZJ_SESSION_ABSOLUTE_HOURS', 12),
    },
    password: { minLength: int(env, 'ZJ_PASSWORD_MIN_LENGTH', 10, 8) },
    lockout: {
      threshold: int(env, 'ZJ_LOCKOUT_THRESHOLD', 5),
      windowMinutes: int(env, 'ZJ_LOCKOUT_WINDOW_MINUTES', 15),
      lockMinutes: int(env, 'ZJ_LOCKOUT_MINUTES', 15),
    },
    loginRateLimit: {
      perIp: int(env, 'ZJ_LOGIN_RATE_LIMIT_IP', 60),
      perUser: int(env, 'ZJ_LOGIN_RATE_LIMIT_USER', 10),
    },
    deviceTrustDays: int(env, 'ZJ_DEVICE_TRUST_DAYS', 180),
    publicRateLimit: int(env, 'ZJ_PUBLIC_RATE_LIMIT', 60),
    importMaxBytes: int(env, 'ZJ_IMPORT_MAX_MB', 512) * 1024 * 1024,
    importLimits: {
      rows: int(env, 'ZJ_IMPORT_MAX_ROWS', 1_048_576),
      columns: int(env, 'ZJ_IMPORT_MAX_COLUMNS', 1024),
      unzippedBytes: int(env, 'ZJ_IMPORT_MAX_UNZIPPED_MB', 2048) * 1024 * 1024,
      zipEntries: int(env, 'ZJ_IMPORT_MAX_ZIP_ENTRIES', 1000),
      sharedStrings: int(env, 'ZJ_IMPORT_MAX_SHARED_STRINGS', 10_000_000),
      sharedStringChars: int(env, 'ZJ_IMPORT_MAX_SHARED_STRING_CHARS', 100_000_000),
    },
    feedbackDueWorkingDays: int(env, 'ZJ_FEEDBACK_DUE_WORKING_DAYS', 10),
    enterpriseAccountsMax: int(env, 'ZJ_ENTERPRISE_ACCOUNTS_MAX', 5),
    complaintAckHours: int(env, 'ZJ_COMPLAINT_ACK_HOURS', 2),
    caseRules: {
      leadWorkingDays: int(env, 'ZJ_CASE_LEAD_WORKING_DAYS', 15),
      leadExtensionWorkingDays: int(env, 'ZJ_CASE_LEAD_EXTENSION_WORKING_DAYS', 15),
      decisionDays: int(env, 'ZJ_CASE_DECISION_DAYS', 90),
      decisionExtensionDays: int(env, 'ZJ_CASE_DECISION_EXTENSION_DAYS', 30),
      defenceWorkingDays: int(env, 'ZJ_CASE_DEFENCE_WORKING_DAYS', 5),
      publicationWorkingDays: int(env, 'ZJ_PENALTY_PUBLICATION_WORKING_DAYS', 20),
      lowFineYuan: int(env, 'ZJ_PENALTY_LOW_FINE_YUAN', 10000),
      publishWarnings: bool(env, 'ZJ_PENALTY_PUBLISH_WARNINGS', false),
      earlyRemovalMonths: int(env, 'ZJ_PENALTY_EARLY_REMOVAL_MONTHS', 12),
    },
    spotcheckRules: {
      repeatMonths: int(env, 'ZJ_SPOTCHECK_REPEAT_MONTHS', 6),
      objectionDays: int(env, 'ZJ_SPOTCHECK_OBJECTION_DAYS', 15),
      passRateMode: oneOf(env, 'ZJ_SPOTCHECK_PASS_RATE_MODE', ['skip', 'reduce'] as const, 'skip'),
      passRateReducePercent: percent(env, 'ZJ_SPOTCHECK_REDUCE_PERCENT', 50),
      correctionDays: int(env, 'ZJ_SPOTCHECK_CORRECTION_DAYS', 30),
      resultDays: int(env, 'ZJ_SPOTCHECK_RESULT_DAYS', 30),
    },
    creditRules: {
      overrideMaxDays: int(env, 'ZJ_CREDIT_OVERRIDE_MAX_DAYS', 365),
      noticeDays: int(env, 'ZJ_CREDIT_NOTICE_DAYS', 10),
      listYears: int(env, 'ZJ_CREDIT_LIST_YEARS', 3),
      repairMinMonths: int(env, 'ZJ_CREDIT_REPAIR_MIN_MONTHS', 12),
      checkRatePerMinute: int(env, 'ZJ_CREDIT_CHECK_RATE_LIMIT', 60),
      seriousPenaltyYuan: int(env, 'ZJ_CREDIT_SERIOUS_PENALTY_YUAN', 100_000),
    },
    pdfFont: env.ZJ_PDF_FONT?.trim() || null,
    ...overrides,
  };
}
