// End to end for observability: the launcher starts the suite and a real Prometheus scraping
// it with the chart's rules; calls (including errors) go through the gateway; then every
// PromQL expression of every dashboard panel and every rule of the chart is evaluated through
// Prometheus's HTTP API and must parse and return at least one series. A panel that would
// show nothing fails the test.
//
// With REPLICAS above 1, the suite runs that many processes of each service on one
// PostgreSQL database, the gateway spreading calls over them, and every Performance Board
// panel must equal the figure computed from the records read back through the API; the
// overdue-decisions alert must clear within a scrape of the decision being closed, on
// whichever replica closed it.
//   node tests/e2e/dashboards_test.mjs BIN_DIR [REPLICAS]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.argv[2];
const replicas = Number(process.argv[3] || 1);
const data = mkdtempSync(join(tmpdir(), 'assure-dash-'));
chmodSync(data, 0o755);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The drift checks and allowance controls are counted every 2 s, so that their figures are seen.
const suite = spawn(join(bin, 'assure-launch'), [
  `--data_dir=${data}/data`, '--base_grpc_port=0', '--base_metrics_port=0', '--prometheus',
  ...(replicas > 1 ? ['--postgresql', `--replicas=${replicas}`] : []),
], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ASSURE_DRIFT_CHECK_SECONDS: '2', ASSURE_CONTROLS_SECONDS: '2', ASSURE_UPDATE_CYCLE_SECONDS: '2' } });
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
  // Prometheus scrapes every process before the work starts, so that what the work changes
  // is seen changing (a counter's first sample must come before its first increment).
  const targets = 5 * replicas + 1;  // reviews, disputes, audits, allowances, actionplans, gateway
  for (let i = 0; i < 150; i += 1) {
    const up = await (await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent('count(up{job=~"assure-.*"} == 1)')}`)).json();
    if (Number(up.data?.result?.[0]?.value?.[1] || 0) >= targets) break;
    await sleep(200);
  }
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
  const children = replicas > 1 ? ['C-1', 'C-2', 'C-3', 'C-4', 'C-5', 'C-6'] : ['C-1', 'C-2'];
  for (const id of children) {
    await must('TOKEN_CASE_SYSTEM', 'POST', `/v1/children?childId=${id}`, {
      birthDate: day(2014, 3, 1),
      periodsOfCare: [{ startDate: day(2026, 10, 1), legalStatus: 'LEGAL_STATUS_CARE_ORDER' }] });
  }
  await must('TOKEN_IRO_MANAGER', 'POST', '/v1/children/C-1:allocateIro', { iro: 'iros/iro-1' });
  // A child on a second child protection plan, within two years of the first ending.
  await must('TOKEN_CASE_SYSTEM', 'POST', '/v1/children?childId=CP-1', {
    birthDate: day(2019, 4, 1),
    childProtection: { episodes: [
      { strategyDiscussionDates: [day(2024, 1, 8)], initialConferenceOutcome: 'CONFERENCE_OUTCOME_PLAN',
        planStartDate: day(2024, 1, 26), planEndDate: day(2025, 2, 3) },
      { strategyDiscussionDates: [day(2026, 11, 2)], initialConferenceOutcome: 'CONFERENCE_OUTCOME_PLAN',
        planStartDate: day(2026, 11, 20) }] } });
  if (replicas > 1) {
    for (const id of ['C-3', 'C-4']) {
      await must('TOKEN_IRO_MANAGER', 'POST', `/v1/children/${id}:allocateIro`, { iro: 'iros/iro-1' });
    }
    // The authority was onboarded a scrape before it holds its first review or raises its
    // first dispute: event counters are created at 0 when a process first sees a tenant (each
    // replica sees it here, the gateway alternating), and increase() needs that sample.
    for (let i = 0; i < 2 * replicas; i += 1) {
      await must('TOKEN_IRO_MANAGER', 'GET', '/v1/disputes');
      await must('TOKEN_FINANCE', 'GET', '/v1/allowances');
    }
    await sleep(5000);
  }
  const review = await must('TOKEN_IRO', 'POST', '/v1/children/C-1/reviews',
    { kind: 'REVIEW_KIND_LAC_REVIEW' });
  await must('TOKEN_IRO', 'POST', `/v1/${review.name}:record`, {
    heldDate: day(2026, 10, 27), participation: 'PARTICIPATION_PN1',
    challenges: [{ theme: 'permanent_placement_delay', concern: 'no placement', stageLevel: 1 }] });
  await must('TOKEN_IRO', 'POST', `/v1/${review.name}/decisions`,
    { text: 'Find a permanent placement', owner: 'sw-1', dueDate: day(2026, 11, 1) });
  // A starred recommendation whose deadline is years away: on the board, not in the log.
  await must('TOKEN_IRO', 'POST', `/v1/${review.name}/decisions`,
    { text: 'Present the permanence plan to panel', owner: 'tm-1', dueDate: day(2099, 1, 31),
      starred: true, theme: 'permanent_placement_delay' });
  // Case-file audits: a register, a released tool, a month's sample of three for the IRO;
  // one audit judges a child not safe (escalated, moderated) and raises an action.
  await must('TOKEN_CASE_SYSTEM', 'POST', '/v1/cases:batchUpsert', { cases: [1, 2, 3, 4, 5].map((i) => (
    { name: `cases/A-${i}`, team: 'north', service: 'csc', worker: 'sw-1', openDate: day(2025, 4, 1) })) });
  const tool = await must('TOKEN_SENIOR_MANAGER', 'POST', '/v1/auditTools/routine/versions', {
    title: 'Routine', sections: [{ title: 'Voice of the child',
      questions: [{ id: 'q1', text: 'Is the child seen?', mandatory: true, graded: true }] }] });
  await must('TOKEN_SENIOR_MANAGER', 'POST', `/v1/${tool.name}:release`, {});
  const sample = await must('TOKEN_SENIOR_MANAGER', 'POST', '/v1/selections', {
    month: { year: 2026, month: 12 }, type: 'AUDIT_TYPE_ROUTINE', seed: '5',
    auditors: [{ auditor: 'dev-iro', quota: 3 }] });
  const audit = sample.audits[0];
  await must('TOKEN_IRO', 'POST', `/v1/${audit}:start`, { toolVersion: tool.name });
  await must('TOKEN_IRO', 'POST', `/v1/${audit}:submit`, {
    answers: [{ question: 'q1', text: 'not seen for months', grade: 'Inadequate' }],
    overallGrade: 'Inadequate', childSafe: 'CHILD_SAFE_NO' });
  await must('TOKEN_TEAM_MANAGER', 'POST', `/v1/${audit}:moderate`,
    { grades: [{ question: 'q1', agree: true }], overallAgree: true });
  await must('TOKEN_IRO', 'POST', `/v1/${audit}/actions`,
    { text: 'Visit the child', owner: 'sw-1', dueDate: day(2099, 1, 31) });
  // Allowances: an SGO allowance refused at the payment gate, then paperwork, a means test
  // and two approvals, active and paid, on every replica's drift check.
  await must('TOKEN_SOCIAL_WORKER', 'POST', '/v1/supportedChildren?childId=S-1', {
    displayName: 'Child S', birthDate: day(2016, 2, 1), orderType: 'ORDER_TYPE_SPECIAL_GUARDIANSHIP',
    orderDate: day(2022, 3, 1), livesWithCarers: true });
  await must('TOKEN_SOCIAL_WORKER', 'POST', '/v1/allowances?allowanceId=A-1', {
    child: 'supportedChildren/S-1', type: 'ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP', amountPence: 15000,
    frequency: 'FREQUENCY_WEEKLY', startDate: day(2026, 4, 6), ledgerCode: 'SGO-ALLOW' });
  for (const [token, role] of [['TOKEN_TEAM_MANAGER', 'team_manager'], ['TOKEN_SENIOR_MANAGER', 'senior_manager']]) {
    await must(token, 'POST', '/v1/allowances/A-1:approve', { role });
  }
  if ((await call('TOKEN_FINANCE', 'POST', '/v1/allowances/A-1:activate', {})).status !== 400) {
    fail('activation before the paperwork is refused');
  }
  await must('TOKEN_SOCIAL_WORKER', 'POST', '/v1/allowances/A-1:recordAssessment', { assessment: {
    assessedDate: day(2026, 3, 1), disregard: 'MEANS_DISREGARD_NONE', evidence: ['EVIDENCE_KIND_ACCOUNTS'],
    weeklyAwardPence: 15000 } });
  await must('TOKEN_SOCIAL_WORKER', 'POST', '/v1/allowances/A-1:recordPaperwork', { paperwork: {
    conditionsAgreedDate: day(2026, 3, 2), signedAgreementDate: day(2026, 3, 3), formsReceived: ['SGA3'] } });
  for (const [token, role] of [['TOKEN_TEAM_MANAGER', 'team_manager'], ['TOKEN_SENIOR_MANAGER', 'senior_manager']]) {
    await must(token, 'POST', '/v1/allowances/A-1:approve', { role });
  }
  await must('TOKEN_FINANCE', 'POST', '/v1/allowances/A-1:activate', {});
  await must('TOKEN_FINANCE', 'POST', '/v1/allowances/A-1:schedulePayment', { dueDate: day(2026, 4, 6) });
  // Action plans: an internal audit's plan with a High action past its target, a Medium one
  // slipped, and one completed on evidence verified by an auditor.
  await must('TOKEN_SENIOR_MANAGER', 'POST', '/v1/plans?planId=P-1', {
    title: 'IRO oversight', source: 'PLAN_SOURCE_INTERNAL_AUDIT', owningService: 'Children',
    owner: 'hos-1', board: 'Performance Board',
    successMeasures: [{ text: 'No more than 1 review in 20 late',
      figure: 'LIVE_FIGURE_REVIEWS_LATE_PER_MILLE', target: '50' }] });
  const rec = await must('TOKEN_SENIOR_MANAGER', 'POST', '/v1/plans/P-1/recommendations', {
    kind: 'RECOMMENDATION_KIND_RECOMMENDATION', number: '1', text: 'Record why reviews are late',
    priority: 'PRIORITY_HIGH' });
  const smart = (what, targetDate, recommendation) => ({ what, measureOfSuccess: 'measured',
    desiredOutcome: 'better', responsibleOfficers: ['dev-team-manager'], team: 'IRO service',
    targetDate, evidenceRequired: 'a sample', recommendation });
  await must('TOKEN_SENIOR_MANAGER', 'POST', '/v1/plans/P-1/actions', smart('Reasons', day(2026, 11, 2), rec.name));
  const later = await must('TOKEN_SENIOR_MANAGER', 'POST', '/v1/plans/P-1/actions', smart('Training', day(2099, 1, 31)));
  await must('TOKEN_SENIOR_MANAGER', 'POST', `/v1/${later.name}:changeTargetDate`,
    { targetDate: day(2099, 6, 30), reason: 'trainer unavailable' });
  const quick = await must('TOKEN_SENIOR_MANAGER', 'POST', '/v1/plans/P-1/actions', smart('Guidance', day(2099, 1, 31)));
  await must('TOKEN_AUDITOR', 'POST', `/v1/${quick.name}:complete`, { evidence: ['guidance published'] });
  // C-2's first review, due on 29 October 2026, is scheduled and not held: overdue.
  await must('TOKEN_IRO', 'POST', '/v1/children/C-2/reviews', { kind: 'REVIEW_KIND_LAC_REVIEW' });
  if (replicas > 1) {
    await must('TOKEN_IRO', 'POST', `/v1/${review.name}/decisions`,
      { text: 'Review contact', owner: 'sw-2', dueDate: day(2026, 11, 15) });
    await must('TOKEN_IRO', 'POST', `/v1/${review.name}/decisions`,
      { text: 'Life story work', owner: 'sw-1', dueDate: day(2099, 1, 31) });
    for (const id of ['C-3', 'C-4']) {
      const r = await must('TOKEN_IRO', 'POST', `/v1/children/${id}/reviews`, { kind: 'REVIEW_KIND_LAC_REVIEW' });
      await must('TOKEN_IRO', 'POST', `/v1/${r.name}:record`,
        { heldDate: day(2026, 10, 28), participation: id === 'C-3' ? 'PARTICIPATION_PN1' : 'PARTICIPATION_PN7' });
    }
    for (const concern of ['sibling contact', 'school move']) {
      await must('TOKEN_IRO', 'POST', '/v1/disputes',
        { child: 'children/C-3', theme: 'other', concern, stageLevel: 1 });
    }
  }
  const dispute = await must('TOKEN_IRO', 'POST', '/v1/disputes',
    { child: 'children/C-1', theme: 'other', concern: 'contact not reviewed', stageLevel: 1 });
  // Resolved with a finding about the service, which no plan takes yet: kept unplaced.
  await must('TOKEN_IRO', 'POST', `/v1/${dispute.name}:resolve`,
    { outcome: 'OUTCOME_ACTION_AGREED', note: 'agreed at the meeting',
      serviceFinding: 'Contact plans are not reviewed after placement moves' });
  // And errors: bad input, a missing child, no token.
  if ((await call('TOKEN_CASE_SYSTEM', 'POST', '/v1/children?childId=C-9', {})).status !== 400) fail('bad input is 400');
  if ((await call('TOKEN_IRO', 'GET', '/v1/children/NOPE')).status !== 404) fail('missing child is 404');
  if ((await call(null, 'GET', '/v1/children/C-1')).status !== 401) fail('no token is 401');

  // The plan's success measure is read from reviews over gRPC: the same figure reviews' own
  // annual report gives for the twelve months to today.
  const [ty, tm, td] = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
    .split('-').map(Number);
  const from = new Date(Date.UTC(ty - 1, tm - 1, tm === 2 && td === 29 ? 28 : td) + 86400000);
  const annual = await must('TOKEN_SENIOR_MANAGER', 'GET', '/v1/annualReport?'
    + `startDate.year=${from.getUTCFullYear()}&startDate.month=${from.getUTCMonth() + 1}&startDate.day=${from.getUTCDate()}`
    + `&endDate.year=${ty}&endDate.month=${tm}&endDate.day=${td}`);
  const boardReport = await must('TOKEN_SENIOR_MANAGER', 'GET', '/v1/boardReport?plan=plans/P-1');
  const reading = boardReport.plans[0].measures?.[0] || {};
  if (!reading.hasValue || Number(reading.value || 0) !== (annual.reviewsLatePerMille || 0)) {
    fail(`the plan's measure reads ${JSON.stringify(reading)}; reviews gives ${annual.reviewsLatePerMille || 0}`);
  }
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
  if (replicas > 1) await checkAgainstRecords(must, query, expand);
}

// Every Performance Board figure equals what the records say, whichever replica wrote them.
async function checkAgainstRecords(must, query, expand) {
  const all = async (path, field, as = 'TOKEN_IRO_MANAGER') => {
    let rows = [];
    let token = '';
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await must(as, 'GET', `${path}${sep}pageSize=100&pageToken=${encodeURIComponent(token)}`);
      rows = rows.concat(page[field] || []);
      token = page.nextPageToken || '';
    } while (token);
    return rows;
  };
  const filtered = (path, field, filter, as) => all(`${path}?filter=${encodeURIComponent(filter)}`, field, as);
  const children = (await all('/v1/children', 'children')).filter((c) => !c.name.startsWith('children/CP-'));
  const plans = {};
  for (const c of await all('/v1/children', 'children')) {
    const last = (c.childProtection?.episodes || []).at(-1);
    if (!last || !last.planStartDate || last.planEndDate) continue;
    const plan = !last.repeatPlan ? 'first' : last.withinTwoYearsOfLastPlan ? 'repeat_within_two_years' : 'repeat_later';
    plans[plan] = (plans[plan] || 0) + 1;
  }
  const withoutIro = await filtered('/v1/children', 'children', 'has_active_iro = false');
  const ofIro = await filtered('/v1/children', 'children', 'iro = iros/iro-1');
  const open = await filtered('/v1/children/-/reviews/-/decisions', 'decisions', 'state = DECISION_STATE_OPEN');
  const overdue = await filtered('/v1/children/-/reviews/-/decisions', 'decisions', 'overdue = true');
  const starred = (await filtered('/v1/children/-/reviews/-/decisions', 'decisions', 'starred = true'))
    .filter((d) => d.state === 'DECISION_STATE_OPEN');
  const held = await filtered('/v1/children/-/reviews', 'reviews', 'state = REVIEW_STATE_HELD');
  const late = await filtered('/v1/children/-/reviews', 'reviews', 'late = true');
  const scheduled = await filtered('/v1/children/-/reviews', 'reviews', 'state = REVIEW_STATE_SCHEDULED');
  const overdueMeetings = await filtered('/v1/children/-/reviews', 'reviews', 'overdue = true');
  const unscheduled = await all('/v1/children/-/unscheduledMeetings', 'unscheduledMeetings');
  const disputes = await all('/v1/disputes', 'disputes');
  const pastFormal = await filtered('/v1/disputes', 'disputes', 'past_formal_limit = true');
  const audits = await all('/v1/audits', 'audits');
  const auditActions = await filtered('/v1/audits/-/actions', 'actions', 'state = ACTION_STATE_OPEN');
  const card = await must('TOKEN_IRO_MANAGER', 'GET', '/v1/auditScorecard?month.year=2026&month.month=12');
  const moderated = {};
  for (const a of audits.filter((x) => x.moderation)) {
    const agreed = a.moderation.overallAgree && (a.moderation.grades || []).every((g) => g.agree);
    moderated[String(agreed)] = (moderated[String(agreed)] || 0) + 1;
  }
  const gradeLabels = { Outstanding: 'outstanding', Good: 'good',
    'Requires improvement to be good': 'requires_improvement', Inadequate: 'inadequate' };
  const graded = {};
  for (const a of audits.filter((x) => !['AUDIT_STATE_ASSIGNED', 'AUDIT_STATE_IN_PROGRESS'].includes(x.state))) {
    const label = gradeLabels[a.moderation ? a.moderation.moderatedOverallGrade : a.overallGrade] || 'other';
    graded[label] = (graded[label] || 0) + 1;
  }
  // The audit report, through the gateway as JSON, agrees with the audits listed.
  const report = await must('TOKEN_IRO_MANAGER', 'GET',
    '/v1/auditReport?firstMonth.year=2026&firstMonth.month=12&lastMonth.year=2026&lastMonth.month=12');
  const done = Object.values(graded).reduce((x, y) => x + y, 0);
  if (((report.overall || {}).count || 0) !== done) fail(`audit report counts ${report.overall.count}, records ${done}`);
  if (((report.actions || {}).open || 0) !== auditActions.length) fail('audit report actions open differ from the list');
  const themes = await must('TOKEN_IRO_MANAGER', 'GET', '/v1/auditThemes?month.year=2026&month.month=12');
  if ((themes.referralThreshold || 0) !== 3) fail('the theme register does not give the default threshold');
  const coverage = await must('TOKEN_IRO_MANAGER', 'GET', '/v1/iroObservationCoverage?year=2026');
  if (coverage.year !== 2026) fail('observation coverage is not for the year asked');
  const allowances = await filtered('/v1/allowances', 'allowances', 'state = ALLOWANCE_STATE_ACTIVE', 'TOKEN_FINANCE');
  const controls = await must('TOKEN_FINANCE', 'GET', '/v1/allowanceControls');
  const byType = {};
  for (const a of allowances) {
    const type = a.type.replace('ALLOWANCE_TYPE_', '').toLowerCase();
    byType[type] = (byType[type] || 0) + 1;
  }
  const byControl = Object.fromEntries(controls.controls.map((c) => [c.control, c.count || 0]));
  const actions = await all('/v1/plans/-/actions', 'actions', 'TOKEN_SENIOR_MANAGER');
  const unplaced = await filtered('/v1/findings', 'findings', 'placed = false', 'TOKEN_SENIOR_MANAGER');
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const iso = (d) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  const byPriority = (rows) => {
    const out = {};
    for (const a of rows) {
      const p = a.priority.replace('PRIORITY_', '').toLowerCase();
      out[p] = (out[p] || 0) + 1;
    }
    return out;
  };
  const openActions = actions.filter((a) => a.state === 'ACTION_STATE_OPEN');
  const completedActions = {};
  for (const a of actions.filter((x) => x.state === 'ACTION_STATE_COMPLETED')) {
    const onTime = String(iso(a.completedDate) <= iso(a.targetDate));
    completedActions[onTime] = (completedActions[onTime] || 0) + 1;
  }
  const byStage = {};
  for (const d of disputes.filter((d) => d.state === 'DISPUTE_STATE_OPEN')) {
    const stage = `${d.stageLevel || 0} ${d.stageRole}`;
    byStage[stage] = (byStage[stage] || 0) + 1;
  }
  const counted = held.filter((r) => r.participation && r.participation !== 'PARTICIPATION_PN0');
  const participating = counted.filter((r) => r.participation !== 'PARTICIPATION_PN7');
  const expected = {
    'Children with no active IRO': { LA1: withoutIro.length },
    'Caseload per FTE (IRO Handbook: 50-70)': { 'iro-1': ofIro.length },
    'Decisions open and overdue (drift), starred recommendations/open {{tenant}}': { LA1: open.length },
    'Decisions open and overdue (drift), starred recommendations/overdue {{tenant}}': { LA1: overdue.length },
    'Decisions open and overdue (drift), starred recommendations/starred open {{tenant}}': { LA1: starred.length },
    'Decisions open and overdue (drift), starred recommendations/starred past deadline {{tenant}}':
      { LA1: starred.filter((d) => d.overdue).length },
    'Disputes open by stage': byStage,
    'Reviews held by kind': { lac_review: held.length },
    'Participation (target 95%)': { LA1: participating.length / counted.length },
    'Disputes raised by theme': { other: disputes.length - 1, permanent_placement_delay: 1 },
    'Disputes resolved by outcome': { OUTCOME_ACTION_AGREED: disputes.filter((d) => d.state === 'DISPUTE_STATE_RESOLVED').length },
    'Reviews held on time': { LA1: 1 - late.length / held.length },
    'Meetings overdue by kind (scheduled, past due)': { lac_review: overdueMeetings.length },
    'Children with no meeting scheduled': { LA1: new Set(unscheduled.map((m) => m.child)).size },
    'Meetings scheduled': { LA1: scheduled.length },
    'Child protection plans in force (repeat plans apart)': plans,
    'Disputes past 20 working days (formal process)': { LA1: pastFormal.length },
    'Audits outstanding, escalations unanswered/outstanding {{tenant}}': {
      LA1: audits.filter((a) => ['AUDIT_STATE_ASSIGNED', 'AUDIT_STATE_IN_PROGRESS'].includes(a.state)).length },
    'Audits outstanding, escalations unanswered/unanswered {{tenant}}': {
      LA1: audits.filter((a) => a.escalation && !(a.escalation.responses || []).length).length },
    'Audit actions open and overdue/open {{tenant}}': { LA1: auditActions.length },
    'Audit actions open and overdue/overdue {{tenant}}': { LA1: auditActions.filter((a) => a.overdue).length },
    'Audits moderated, by agreement': moderated,
    'Audits by the grade that stands': graded,
    'Allowances being paid, by type': byType,
    'Allowance payment controls (each must read 0)': byControl,
    'Allowance payments blocked, by rule': { 'gate.conditions_agreed': 1 },
    'Actions open by priority': byPriority(openActions),
    'Actions overdue by priority': byPriority(openActions.filter((a) => iso(a.targetDate) < today)),
    'Actions slipped (target date moved later)': byPriority(openActions.filter((a) => a.slips > 0)),
    'Actions completed, by target': completedActions,
    'Action updates owed, findings not placed/unplaced {{tenant}}': { LA1: unplaced.length },
    'Audits owed against quota, shortfall of ended months/owed {{tenant}}': { LA1: card.shortfall || 0 },
    'Audits owed against quota, shortfall of ended months/shortfall {{tenant}}':
      { LA1: card.monthEnded ? card.shortfall || 0 : 0 },
  };
  if (openActions.length !== 2 || unplaced.length < 1) {
    fail(`the action plans workload is not what the test expects: ${openActions.length} open, ${unplaced.length} unplaced`);
  }
  if (children.length !== 6 || withoutIro.length !== 4 || overdue.length !== 2 || starred.length !== 1 ||
      overdueMeetings.length !== 1 || unscheduled.length !== 6 || plans.repeat_within_two_years !== 1) {
    fail(`the workload is not what the test expects: ${children.length} children, ${withoutIro.length} without an IRO, ${overdue.length} decisions overdue, ${overdueMeetings.length} meetings overdue, ${unscheduled.length} unscheduled`);
  }
  const board = JSON.parse(readFileSync(join(repo, 'charts/assure/dashboards/performance-board.json'), 'utf8'));
  for (const panel of board.panels.filter((p) => p.targets)) {
    for (const t of panel.targets) {
      const want = expected[panel.title] || expected[`${panel.title}/${t.legendFormat}`];
      if (!want) continue;
      const r = await query(expand(t.expr));
      const legend = (metric) => (t.legendFormat || '').replace(/\{\{(\w+)\}\}/g, (_, k) => metric[k])
        .replace(/^(starred past deadline|starred open|open|overdue|outstanding|unanswered|owed|shortfall|updates owed|unplaced) /, '');
      const got = Object.fromEntries(r.data.result.map((x) => [legend(x.metric), Number(x.value[1])]));
      for (const [key, value] of Object.entries(want)) {
        // increase() extrapolates each series to the ends of the range by up to one scrape
        // interval, and here the samples span seconds, not the range: counts round to the
        // records' whole numbers, ratios of two counters agree within 5%.
        const close = Number.isInteger(value) ? Math.round(got[key]) === value
                                              : Math.abs(got[key] - value) <= 0.05 * value;
        if (!close) fail(`${panel.title} [${t.legendFormat}] ${key}: board ${got[key]}, records ${value}`);
      }
    }
  }
  // Both replicas of each service served writes, and both export the same state figures.
  for (const job of ['assure-reviews', 'assure-disputes']) {
    const served = await query(`sum by (instance) (grpc_server_handled_total{job="${job}",grpc_code="OK",grpc_method=~"Create.*"}) > 0`);
    if (served.data.result.length !== replicas) fail(`${job}: writes reached ${served.data.result.length} of ${replicas} replicas`);
  }
  for (const figure of ['assure_reviews_decisions_overdue', 'assure_reviews_starred_open', 'assure_reviews_overdue', 'assure_reviews_unscheduled',
    'assure_disputes_past_formal_limit', 'assure_audits_outstanding', 'assure_audits_actions_open',
    'assure_audits_quota_unmet', 'assure_allowances_active', 'assure_actions_open']) {
    const spread = await query(`max by (tenant, kind) (${figure}) - min by (tenant, kind) (${figure})`);
    if (spread.data.result.some((x) => Number(x.value[1]) !== 0)) fail(`replicas export different values of ${figure}`);
  }

  // The overdue alert's condition clears within a scrape of the last overdue decision being
  // closed, whichever replica closes it (several calls: the gateway alternates replicas).
  const alert = YAML.parse(readFileSync(join(repo, 'charts/assure/alerts/assure.rules.yaml'), 'utf8'))
    .groups.flatMap((g) => g.rules).find((r) => r.alert === 'AssureDecisionsOverdue');
  if ((await query(alert.expr)).data.result.length !== 1) fail('AssureDecisionsOverdue condition holds before closing');
  for (const d of overdue) {
    await must('TOKEN_SOCIAL_WORKER', 'POST', `/v1/${d.name}:complete`, {});
  }
  const closed = Date.now();
  let cleared = false;
  while (!cleared && Date.now() - closed < 4000) {  // one 2 s scrape and one 2 s evaluation
    await sleep(250);
    cleared = (await query(alert.expr)).data.result.length === 0;
  }
  if (!cleared) fail('AssureDecisionsOverdue condition still holds a scrape after the decisions were closed');
  console.log(`board figures equal the records with ${replicas} replicas; overdue cleared in ${Date.now() - closed} ms`);
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
