// The rules the fault-injection spec checks on the page's request log, and a
// collector that reports every broken rule of a run at once.

const MAX_TRIES = 5; // CashappConfirm::kMaxRetries + 1
// Tries are the page's log entries: {method, path, key, body, status, replayed, failure}.
const retryable = (attempt) => attempt.failure !== null || attempt.status >= 500;
const stored = (attempt) => attempt.status > 0 && attempt.status < 500; // the sandbox kept this answer for the key
const is2xx = (attempt) => attempt.status >= 200 && attempt.status < 300;

// Collects every broken rule, so one run reports them all (and thousands of
// checks cost less than thousands of expect() calls). report() lists each
// broken rule once, with how often it broke and a few examples.
export function problems() {
  const broken = new Map(); // rule → examples
  const add = (rule, example) => {
    if (!broken.has(rule)) broken.set(rule, []);
    broken.get(rule).push(example);
  };
  return {
    same(actual, expected, rule, where) {
      if (!Object.is(actual, expected)) add(rule, `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    },
    ok(condition, rule, where) {
      if (!condition) add(rule, where);
    },
    report: () => [...broken].map(([rule, examples]) => `${rule}: broken ${examples.length}x, e.g. ${examples.slice(0, 3).join(' | ')}`),
  };
}

// The retry rules, from the page's request log for one job's confirms:
// returns, per Idempotency-Key, how many confirms the sandbox should have
// applied (1 if any try got a 2xx, even one cut after its headers; else 0).
export function checkConfirmAttempts(job, outcome, log, stats, p) {
  const confirms = log.filter((r) => r.method === 'POST' && r.path === `/v1/${job.kind}_intents/${job.intentId}/confirm`);
  const keys = [...new Set(confirms.map((r) => r.key))];
  const where = `job ${job.id} (${job.kind}, ${job.expect})`;
  p.same(keys.length, outcome.actions.filter((a) => a.op === 'confirm').length, 'one Idempotency-Key per confirm call', where);
  const effective = new Map();
  for (const key of keys) {
    p.ok(typeof key === 'string' && key.length >= 1 && key.length <= 255, 'an Idempotency-Key of 1..255 characters', `${where} ${key}`);
    const tries = confirms.filter((r) => r.key === key);
    stats.confirmTries += tries.length;
    if (tries.length > 1) stats.retriedActions += 1;
    p.ok(tries.length <= MAX_TRIES, `at most ${MAX_TRIES} tries per confirm call`, `${where}: ${tries.length}`);
    for (const [i, t] of tries.entries()) {
      const attempt = `${where}: try ${i + 1} of ${tries.length} (${t.status}/${t.failure})`;
      p.same(t.body, tries[0].body, 'a retry resends the same body', attempt);
      // Only a 5xx or a lost answer is retried: never a 4xx, never a 2xx read in full.
      if (i < tries.length - 1) p.ok(retryable(t), 'only a 5xx or a lost answer is retried', attempt);
      // An answer after a stored one is the stored one, replayed.
      if (stored(t)) p.same(t.replayed, tries.slice(0, i).some(stored), 'Idempotent-Replayed', attempt);
      if (t.status >= 500) stats.serverErrors += 1;
      if (t.failure === 'body' && is2xx(t)) stats.droppedAfterCommit += 1;
      if (t.replayed) stats.replayed += 1;
    }
    const last = tries[tries.length - 1];
    if (retryable(last)) stats.gaveUp += 1;
    else if (last.status >= 400) stats.refused4xx += 1;
    effective.set(key, tries.some(is2xx) ? 1 : 0);
  }
  const polls = log.filter((r) => r.method === 'GET' && r.path === `/v1/${job.kind}_intents/${job.intentId}`);
  stats.pollTries += polls.length;
  stats.pollFailures += polls.filter(retryable).length;
  return effective;
}
