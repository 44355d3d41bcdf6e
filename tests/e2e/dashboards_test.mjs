// End to end for observability: the launcher starts the suite and a real Prometheus scraping
// it with the chart's rules; calls (including errors) go through the gateway; then every
// PromQL expression of every dashboard panel and every rule of the chart is evaluated through
// Prometheus's HTTP API and must parse and return at least one series. A panel that would
// show nothing fails the test.
//   node tests/e2e/dashboards_test.mjs BIN_DIR
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.argv[2];
const data = mkdtempSync(join(tmpdir(), 'assure-dash-'));
chmodSync(data, 0o755);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const suite = spawn(join(bin, 'assure-launch'), [
  `--data_dir=${data}/data`, '--base_grpc_port=0', '--base_metrics_port=0', '--prometheus',
], { stdio: ['ignore', 'pipe', 'inherit'] });
let printed = '';
let http;
let prometheus;
// Every component picks its own ports; the launcher prints them.
const printedAddress = (pattern) => {
  const m = printed.match(pattern);
  if (!m) throw new Error(`the launcher did not print ${pattern}:\n${printed}`);
  return m[1];
};
const ready = new Promise((resolve, reject) => {
  suite.stdout.on('data', (chunk) => {
    printed += chunk;
    if (printed.includes('assure: ready')) resolve();
  });
  suite.on('exit', () => reject(new Error(`launcher exited:\n${printed}`)));
});
let failures = 0;
function fail(message) {
  console.error(`FAIL ${message}`);
  failures += 1;
}

async function main() {
  await ready;
  http = printedAddress(/\n  gateway  HTTP\/JSON (\S+)/);
  prometheus = printedAddress(/\n  prometheus  (\S+)/);
  const tokens = Object.fromEntries(
    readFileSync(`${data}/data/dev-tokens.env`, 'utf8').split('\n')
      .map((l) => l.match(/^(?:export )?(\w+)=(.*)$/)).filter(Boolean)
      .map((m) => [m[1], m[2].replace(/^'|'$/g, '')]));
  const call = async (token, method, path, body) => {
    const res = await fetch(`${http}${path}`, {
      method,
      headers: token ? { authorization: `Bearer ${tokens[token]}` } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json().catch(() => ({})) };
  };
  const must = async (token, method, path, body) => {
    const r = await call(token, method, path, body);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const day = (y, m, d) => ({ year: y, month: m, day: d });

  // A small authority's worth of work, through the gateway.
  await must('TOKEN_IRO_MANAGER', 'POST', '/v1/iros?iroId=iro-1', {
    displayName: 'IRO one', fteHundredths: 100, chairsLacReviews: true,
    chairsCpConferences: true, status: 'IRO_STATUS_ACTIVE' });
  for (const id of ['C-1', 'C-2']) {
    await must('TOKEN_CASE_SYSTEM', 'POST', `/v1/children?childId=${id}`, {
      birthDate: day(2014, 3, 1),
      periodsOfCare: [{ startDate: day(2026, 10, 1), legalStatus: 'LEGAL_STATUS_CARE_ORDER' }] });
  }
  await must('TOKEN_IRO_MANAGER', 'POST', '/v1/children/C-1:allocateIro', { iro: 'iros/iro-1' });
  const review = await must('TOKEN_IRO', 'POST', '/v1/children/C-1/reviews',
    { kind: 'REVIEW_KIND_LAC_REVIEW' });
  await must('TOKEN_IRO', 'POST', `/v1/${review.name}:record`, {
    heldDate: day(2026, 10, 27), participation: 'PARTICIPATION_PN1',
    challenges: [{ theme: 'permanent_placement_delay', concern: 'no placement', stageLevel: 1 }] });
  await must('TOKEN_IRO', 'POST', `/v1/${review.name}/decisions`,
    { text: 'Find a permanent placement', owner: 'sw-1', dueDate: day(2026, 11, 1) });
  const dispute = await must('TOKEN_IRO', 'POST', '/v1/disputes',
    { child: 'children/C-1', theme: 'other', concern: 'contact not reviewed', stageLevel: 1 });
  await must('TOKEN_IRO', 'POST', `/v1/${dispute.name}:resolve`,
    { outcome: 'OUTCOME_ACTION_AGREED', note: 'agreed at the meeting' });
  // And errors: bad input, a missing child, no token.
  if ((await call('TOKEN_CASE_SYSTEM', 'POST', '/v1/children?childId=C-9', {})).status !== 400) fail('bad input is 400');
  if ((await call('TOKEN_IRO', 'GET', '/v1/children/NOPE')).status !== 404) fail('missing child is 404');
  if ((await call(null, 'GET', '/v1/children/C-1')).status !== 401) fail('no token is 401');

  // Let Prometheus scrape a few times (every 2 s) and evaluate the rules.
  await sleep(10000);
  const query = async (expr) => {
    const res = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return res.json();
  };
  const variables = { '$__rate_interval': '30s', '$__range': '10m', '$tenant': '.*', '$service': '.*' };
  const expand = (expr) => Object.entries(variables).reduce((e, [k, v]) => e.split(k).join(v), expr);
  const check = async (where, expr) => {
    const r = await query(expand(expr));
    if (r.status !== 'success') return fail(`${where}: ${r.error}`);
    if (r.data.result.length === 0) return fail(`${where}: no series for ${expand(expr)}`);
  };
  let panels = 0;
  const dashboards = join(repo, 'charts/assure/dashboards');
  for (const file of readdirSync(dashboards).filter((f) => f.endsWith('.json'))) {
    const board = JSON.parse(readFileSync(join(dashboards, file), 'utf8'));
    for (const panel of board.panels.filter((p) => p.targets)) {
      for (const t of panel.targets) {
        panels += 1;
        await check(`${file} / ${panel.title}`, t.expr);
      }
    }
  }
  let rules = 0;
  const ruleFile = YAML.parse(readFileSync(join(repo, 'charts/assure/alerts/assure.rules.yaml'), 'utf8'));
  for (const group of ruleFile.groups) {
    for (const rule of group.rules.filter((r) => r.record)) {
      rules += 1;
      await check(`rule ${rule.record}`, rule.expr);
    }
  }
  const loaded = await (await fetch(`${prometheus}/api/v1/rules`)).json();
  if (loaded.data.groups.length !== ruleFile.groups.length) fail('Prometheus loaded every rule group');
  console.log(`${panels} panel queries and ${rules} recording rules evaluated`);
}

main()
  .catch((e) => fail(e.stack))
  .finally(async () => {
    if (suite.exitCode === null) {
      const exited = new Promise((r) => suite.on('exit', r));
      suite.kill('SIGTERM');
      await exited;
    }
    rmSync(data, { recursive: true, force: true });
    process.exit(failures ? 1 : 0);
  });
