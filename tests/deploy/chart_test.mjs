// Renders charts/assure with Helm (default values, and the production example) and checks
// what a cluster operator relies on: every container has gRPC probes, requests and limits and
// a locked-down security context; every component has its Service, NetworkPolicy,
// PodDisruptionBudget and ServiceAccount; the routes name every service; each store choice
// renders as it should; and every flag in a container's args (or ASSURE_* in its env) is one
// the executable accepts, read from its --helpfull.
//   node tests/deploy/chart_test.mjs BIN_DIR
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import YAML from 'yaml';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.argv[2];
const chart = join(repo, 'charts/assure');
const helm = (...args) =>
  execFileSync(join(repo, 'scripts/helm'), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const values = YAML.parse(helm('show', 'values', chart));
const services = Object.entries(values.components).filter(([, s]) => !s.gateway);
const flagsOf = new Map();
function acceptedFlags(executable) {
  if (!flagsOf.has(executable)) {
    let help = '';
    try {
      help = execFileSync(join(bin, executable), ['--helpfull'], { encoding: 'utf8' });
    } catch (e) {
      help = `${e.stdout}${e.stderr}`;  // absl exits 1 after printing help
    }
    flagsOf.set(executable, new Set([...help.matchAll(/^\s+--([a-z_]+)/gm)].map((m) => m[1])));
  }
  return flagsOf.get(executable);
}

function render(...extra) {
  const docs = YAML.parseAllDocuments(helm('template', 'rel', chart, ...extra));
  return docs.map((d) => d.toJSON()).filter(Boolean);
}

function check(objects, { production, tls = false }) {
  const named = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  for (const [component, spec] of Object.entries(values.components)) {
    const name = `rel-${component}`;
    for (const kind of ['Deployment', 'Service', 'NetworkPolicy', 'PodDisruptionBudget', 'ServiceAccount']) {
      assert.ok(named(kind, name), `${kind} ${name} is rendered`);
    }
    const deployment = named('Deployment', name);
    const labels = deployment.metadata.labels;
    for (const key of ['name', 'instance', 'part-of', 'component', 'version', 'managed-by']) {
      assert.ok(labels[`app.kubernetes.io/${key}`], `${name} has app.kubernetes.io/${key}`);
    }
    const pod = deployment.spec.template.spec;
    assert.equal(pod.securityContext.runAsNonRoot, true, `${name} runs as non-root`);
    for (const c of pod.containers) {
      // The kubelet's gRPC probe speaks no TLS: a gateway on TLS is probed for its listener.
      const probe = tls && spec.gateway ? 'tcpSocket' : 'grpc';
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        assert.equal(c[p][probe]?.port, spec.grpcPort, `${name} ${p} is ${probe}`);
      }
      assert.ok(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold >= 300,
                `${name} gives a migration at least 5 minutes before liveness applies`);
      const sleep = Number(c.lifecycle.preStop.exec.command[1]);
      assert.ok(sleep > 0 && sleep < pod.terminationGracePeriodSeconds,
                `${name} leaves the endpoints before its listener closes, within the grace period`);
      assert.ok(c.volumeMounts.some((m) => m.mountPath === '/tmp'), `${name} has a writable /tmp`);
      assert.ok(pod.volumes.some((v) => v.name === 'tmp' && v.emptyDir), `${name} /tmp is an emptyDir`);
      for (const r of ['cpu', 'memory']) {
        assert.ok(c.resources.requests[r] && c.resources.limits[r], `${name} ${r} request and limit`);
      }
      assert.equal(c.securityContext.readOnlyRootFilesystem, true, `${name} read-only root`);
      assert.equal(c.securityContext.allowPrivilegeEscalation, false, `${name} no escalation`);
      assert.deepEqual(c.securityContext.capabilities.drop, ['ALL'], `${name} drops ALL`);
      const executable = c.command[0].split('/').pop();
      const accepted = acceptedFlags(executable);
      assert.ok(accepted.size > 5, `${executable} --helpfull lists its flags`);
      for (const arg of c.args) {
        const flag = arg.match(/^--([a-z_]+)=/)?.[1];
        assert.ok(flag && accepted.has(flag), `${executable} accepts ${arg}`);
      }
      for (const env of c.env ?? []) {
        const flag = env.name.replace(/^ASSURE_/, '').toLowerCase();
        assert.ok(accepted.has(flag), `${executable} accepts ${env.name}`);
      }
      const routes = c.args.find((a) => a.startsWith('--routes=')).slice('--routes='.length);
      for (const [svc, s] of services) {
        assert.ok(routes.includes(`${s.package}=dns:///rel-${svc}:${s.grpcPort}`),
                  `${name} routes ${svc} through DNS, to every replica`);
      }
      if (!spec.gateway) {
        const store = c.env?.find((e) => e.name === 'ASSURE_STORE');
        if (production) {
          assert.equal(deployment.spec.replicas, 3, `${name} has 3 replicas on PostgreSQL`);
          assert.ok(store?.valueFrom?.secretKeyRef, `${name} takes its store URL from a Secret`);
          assert.ok(!named('PersistentVolumeClaim', `${name}-data`), `${name} has no volume`);
        } else {
          assert.equal(deployment.spec.replicas, 1, `${name} has one replica on SQLite`);
          assert.ok(c.args.includes(`--store=/var/lib/assure/${component}.db`), `${name} store file`);
          assert.ok(named('PersistentVolumeClaim', `${name}-data`), `${name} has its volume`);
        }
      }
    }
    if (spec.gateway) {
      const c = pod.containers[0];
      const mounted = c.volumeMounts.some((m) => m.mountPath === '/etc/assure/tls');
      const secret = pod.volumes.find((v) => v.name === 'tls')?.secret?.secretName;
      assert.equal(c.args.includes('--tls_cert_file=/etc/assure/tls/tls.crt'), tls, `${name} TLS cert`);
      assert.equal(c.args.includes('--tls_key_file=/etc/assure/tls/tls.key'), tls, `${name} TLS key`);
      assert.equal(mounted, tls, `${name} mounts its TLS Secret only when given one`);
      if (tls) assert.equal(secret, 'rel-gateway-tls', `${name} mounts the Secret named`);
    }
    assert.equal(named('Service', name).spec.clusterIP === 'None', !spec.gateway,
                 `${name}: services are headless (every pod resolvable), the gateway is not`);
    const policy = named('NetworkPolicy', name);
    const fromAnywhere = policy.spec.ingress.some((rule) => !rule.from);
    assert.equal(fromAnywhere, Boolean(spec.gateway), `only the gateway takes outside traffic (${name})`);
  }
  const monitor = objects.find((o) => o.kind === 'ServiceMonitor');
  const rules = objects.find((o) => o.kind === 'PrometheusRule');
  assert.equal(Boolean(monitor), production, 'ServiceMonitor only when enabled');
  assert.equal(Boolean(rules), production, 'PrometheusRule only when enabled');
  if (production) {
    assert.ok(rules.spec.groups.length >= 3, 'PrometheusRule carries the rule groups');
    assert.equal(monitor.metadata.labels.release, 'kube-prometheus-stack', 'ServiceMonitor labels are settable');
    assert.equal(rules.metadata.labels.release, 'kube-prometheus-stack', 'PrometheusRule labels are settable');
    const relabel = monitor.spec.endpoints[0].relabelings.find((r) => r.targetLabel === 'job');
    assert.equal(relabel.replacement, 'assure-$1', 'every target is job assure-<component> whatever the release');
  }
}

check(render(), { production: false });
check(render('-f', join(chart, 'values-production.yaml')), { production: true });
check(render('--set', 'gatewayTls.secretName=rel-gateway-tls'), { production: false, tls: true });
assert.throws(() => render('--set', 'store.kind=postgresql'), /existingSecret/);
console.log('chart renders every invariant for default and production values');
