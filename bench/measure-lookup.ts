import autocannon from 'autocannon';

/** Requests per second of one route under load. */
export interface LoadResult {
  path: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** The public lookup against its two references, measured in the same server one after another. */
export interface LookupMeasurement {
  connections: number;
  seconds: number;
  hello: LoadResult;
  /** Mean of two runs (bare, public, public, bare); `runs` holds each run's requests per second. */
  bare: LoadResult & { runs: number[] };
  public: LoadResult & { runs: number[] };
  /** public ÷ bare requests per second (target ≥ 0.90). */
  publicVsBare: number;
  /** public ÷ hello requests per second (target ≥ 0.25). */
  publicVsHello: number;
}

const CONNECTIONS = 50;

/** Runs autocannon against `baseUrl` + pathOf(i), the path changing with every request. */
async function load(baseUrl: string, label: string, pathOf: (i: number) => string, run: { seconds: number } | { amount: number }): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    ...('seconds' in run ? { duration: run.seconds } : { amount: run.amount }),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: pathOf(i++) }) }],
  });
  const out = {
    path: label,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  if (out.non2xx || out.errors) throw new Error(`${label}: ${out.non2xx} non-2xx responses, ${out.errors} errors under load`);
  return out;
}

/** The mean of two runs of one route (requests per second and latencies averaged, counts summed). */
function mean(a: LoadResult, b: LoadResult): LoadResult & { runs: number[] } {
  return {
    path: a.path,
    requestsPerSecond: Math.round((a.requestsPerSecond + b.requestsPerSecond) / 2),
    latencyP50Ms: (a.latencyP50Ms + b.latencyP50Ms) / 2,
    latencyP99Ms: (a.latencyP99Ms + b.latencyP99Ms) / 2,
    requests: a.requests + b.requests,
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
    runs: [a.requestsPerSecond, b.requestsPerSecond],
  };
}

/**
 * /bench/hello, /bench/bare/:uscc and /api/public/enterprises/:uscc in the same server; USCCs
 * cycle through the drawn ones. Every drawn USCC is looked up once first, so neither route pays
 * for reading the rows into the database's cache; bare and public then run in the order
 * bare, public, public, bare (each after a short warm-up) and each gets the mean of its two runs,
 * so drift over time does not favour either.
 */
export async function measureLookup(baseUrl: string, usccs: string[], seconds: number): Promise<LookupMeasurement> {
  const uscc = (i: number) => usccs[i % usccs.length]!;
  const hello = () => '/bench/hello';
  const bare = (i: number) => `/bench/bare/${uscc(i)}`;
  const lookup = (i: number) => `/api/public/enterprises/${uscc(i)}`;
  const warmup = { seconds: Math.min(2, seconds) };
  await load(baseUrl, 'cache warm-up', bare, { amount: usccs.length });
  const timed = async (label: string, pathOf: (i: number) => string) => {
    await load(baseUrl, label, pathOf, warmup);
    return load(baseUrl, label, pathOf, { seconds });
  };
  const helloResult = await timed('/bench/hello', hello);
  const bare1 = await timed('/bench/bare/:uscc', bare);
  const public1 = await timed('/api/public/enterprises/:uscc', lookup);
  const public2 = await timed('/api/public/enterprises/:uscc', lookup);
  const bare2 = await timed('/bench/bare/:uscc', bare);
  const results = { hello: helloResult, bare: mean(bare1, bare2), public: mean(public1, public2) };
  const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
  return {
    connections: CONNECTIONS,
    seconds,
    ...results,
    publicVsBare: ratio(results.public.requestsPerSecond, results.bare.requestsPerSecond),
    publicVsHello: ratio(results.public.requestsPerSecond, results.hello.requestsPerSecond),
  };
}
