import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/server/cli/commands.js';
import { CONFIG_ENV_VARS, loadConfig } from '../../src/server/config.js';
import { OPERATIONS_PATHS } from '../../src/server/features/metrics/metrics.registry.js';
import {
  DEPLOY_DIR,
  k8sFiles,
  loadKustomization,
  loadManifests,
  only,
  parseDockerfile,
  probePaths,
  ROOT,
} from './manifests.js';

const manifests = loadManifests();
const kustomization = loadKustomization();
const deployment = only(manifests, 'apps/v1/Deployment');
const job = only(manifests, 'batch/v1/Job');
const service = only(manifests, 'v1/Service');
const ingress = only(manifests, 'networking.k8s.io/v1/Ingress');
const hpa = only(manifests, 'autoscaling/v2/HorizontalPodAutoscaler');
const pdb = only(manifests, 'policy/v1/PodDisruptionBudget');
const configMap = only(manifests, 'v1/ConfigMap');
const secret = only(manifests, 'v1/Secret');
const pvc = only(manifests, 'v1/PersistentVolumeClaim');
const podSpec = deployment.spec?.template.spec;
const server = podSpec?.containers[0] as IContainer;
const migrate = job.spec?.template.spec?.containers[0] as IContainer;
const docker = parseDockerfile();
const DEFAULTS = loadConfig({});

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

/** The environment a container gets: its own env and every key of the ConfigMaps and Secrets it loads. */
function environmentOf(container: IContainer): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      expect(source.configMapRef.name, 'envFrom names a ConfigMap of deploy/k8s').toBe(
        configMap.metadata?.name,
      );
      Object.assign(env, configMap.data);
    }
    if (source.secretRef) {
      expect(source.secretRef.name, 'envFrom names a Secret of deploy/k8s').toBe(secret.metadata?.name);
      Object.assign(env, secret.stringData);
    }
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value ?? '';
  return env;
}

const sourceOf = (distFile: string) =>
  path.join(ROOT, distFile.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'));

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('validate against the Kubernetes schemas, every document of every file', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(10);
    for (const manifest of manifests) {
      expect(manifest.error, `${manifest.file} (${manifest.key})`).toBeUndefined();
      expect(manifest.model?.metadata?.name, manifest.file).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('are all listed in kustomization.yaml, which names the namespace and the image', () => {
    expect([...kustomization.resources].sort()).toEqual(k8sFiles());
    expect(only(manifests, 'v1/Namespace').metadata?.name).toBe(kustomization.namespace);
    expect(kustomization.images.map((image) => image.name)).toEqual([server.image]);
    expect(migrate.image).toBe(server.image);
  });

  it('probe only the paths the app serves, on the container port', () => {
    expect(probePaths(manifests)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    for (const probePath of probePaths(manifests)) {
      expect(Object.values(OPERATIONS_PATHS)).toContain(probePath);
    }
    expect(server.livenessProbe?.httpGet?.path).toBe(OPERATIONS_PATHS.liveness);
    expect(server.startupProbe?.httpGet?.path).toBe(OPERATIONS_PATHS.liveness);
    expect(server.readinessProbe?.httpGet?.path).toBe(OPERATIONS_PATHS.readiness);
    const portNames = (server.ports ?? []).map((port) => port.name);
    for (const probe of [server.startupProbe, server.livenessProbe, server.readinessProbe]) {
      expect(portNames).toContain(probe?.httpGet?.port);
    }
  });

  it('use the port the app listens on, from the container to the Service to the Ingress', () => {
    const http = server.ports?.find((port) => port.name === 'http');
    expect(http?.containerPort).toBe(DEFAULTS.port);
    expect(loadConfig(environmentOf(server)).port).toBe(http?.containerPort);
    const servicePort = service.spec?.ports?.find((port) => port.name === 'http');
    expect(servicePort?.targetPort).toBe(http?.name);
    const backends = (ingress.spec?.rules ?? []).flatMap((rule) =>
      (rule.http?.paths ?? []).map((entry) => entry.backend.service),
    );
    expect(backends.length).toBeGreaterThan(0);
    for (const backend of backends) {
      expect(backend?.name).toBe(service.metadata?.name);
      expect(backend?.port?.name ?? backend?.port?.number).toBe(servicePort?.name ?? servicePort?.port);
    }
    expect(deployment.spec?.template.metadata?.annotations?.['prometheus.io/port']).toBe(
      String(DEFAULTS.port),
    );
    expect(deployment.spec?.template.metadata?.annotations?.['prometheus.io/path']).toBe(
      OPERATIONS_PATHS.metrics,
    );
  });

  it('name only environment variables the app reads, with values it accepts', () => {
    for (const container of [server, migrate, ...(podSpec?.initContainers ?? [])]) {
      const env = environmentOf(container);
      for (const name of Object.keys(env))
        expect(CONFIG_ENV_VARS, `${container.name}: ${name}`).toContain(name);
      const config = loadConfig(env);
      expect(config.databaseUrl, 'Kubernetes needs a PostgreSQL server').toMatch(/^postgres/);
      expect(config.nodeEnv).toBe('production');
    }
    const config = loadConfig(environmentOf(server));
    expect(config.trustProxy, 'behind the Ingress').toBe(true);
    const host = ingress.spec?.rules?.[0]?.host;
    expect(config.publicUrl).toBe(`https://${host}`);
    expect(ingress.spec?.tls?.[0]?.hosts).toContain(host);
    const bodyLimitMb = Number(
      /^(\d+)m$/.exec(
        ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'] ?? '',
      )?.[1],
    );
    expect(bodyLimitMb * 1024 * 1024).toBeGreaterThan(config.attachmentMaxBytes);
  });

  it('keep the attachments on a ReadWriteMany volume mounted at DATA_DIR in every pod', () => {
    expect(pvc.spec?.accessModes).toEqual(['ReadWriteMany']);
    const volume = podSpec?.volumes?.find((v) => v.persistentVolumeClaim?.claimName === pvc.metadata?.name);
    const mount = server.volumeMounts?.find((m) => m.name === volume?.name);
    expect(mount?.mountPath).toBe(loadConfig(environmentOf(server)).dataDir);
    expect(mount?.readOnly ?? false).toBe(false);
  });

  it('migrate with a CLI command that exists, in a Job whose pods never receive traffic', () => {
    const [node, script = '', command = ''] = migrate.command ?? [];
    expect(node).toBe('node');
    expect(existsSync(sourceOf(script)), `${script} is built from ${sourceOf(script)}`).toBe(true);
    const commands = [...USAGE.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]);
    expect(commands).toContain(command);
    expect(job.spec?.template.spec?.restartPolicy).toBe('Never');
    expect(matches(service.spec?.selector, job.spec?.template.metadata?.labels)).toBe(false);
  });

  it('select the Deployment pods from the Service, the HPA and the PodDisruptionBudget', () => {
    const podLabels = deployment.spec?.template.metadata?.labels;
    expect(matches(deployment.spec?.selector.matchLabels, podLabels)).toBe(true);
    expect(matches(service.spec?.selector, podLabels)).toBe(true);
    expect(matches(pdb.spec?.selector?.matchLabels, podLabels)).toBe(true);
    expect(hpa.spec?.scaleTargetRef).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata?.name,
    });
    expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(3);
    expect(hpa.spec?.maxReplicas).toBeGreaterThan(hpa.spec?.minReplicas ?? 0);
    // The HPA owns the count: a replicas field would scale a busy Deployment down on every apply.
    expect(deployment.spec?.replicas).toBeUndefined();
    expect(hpa.spec?.metrics?.[0]?.resource?.name).toBe('cpu');
    expect(server.resources?.requests?.cpu, 'CPU utilisation is relative to the request').toBeDefined();
  });

  it('run without privileges, roll without losing capacity and drain before stopping', () => {
    const uid = Number(docker.find((i) => i.keyword === 'USER')?.args.split(':')[0]);
    for (const pod of [podSpec, job.spec?.template.spec]) {
      expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: uid });
      expect(pod?.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(pod?.automountServiceAccountToken).toBe(false);
    }
    for (const container of [server, migrate]) {
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources?.requests).toBeDefined();
      expect(container.resources?.limits?.memory).toBeDefined();
    }
    expect(deployment.spec?.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    const preStopSeconds = Number(server.lifecycle?.preStop?.exec?.command?.[1]);
    expect(server.lifecycle?.preStop?.exec?.command?.[0]).toBe('sleep');
    expect(podSpec?.terminationGracePeriodSeconds).toBeGreaterThan(preStopSeconds + 20);
  });

  it('are applied in order by rollout.sh: configuration and the Job, the wait, then the Deployment', () => {
    const script = readFileSync(path.join(DEPLOY_DIR, 'rollout.sh'), 'utf8');
    expect(script).toContain(`NS=${kustomization.namespace}`);
    expect(script).toContain(`job/${job.metadata?.name}`);
    expect(script).toContain(`deployment/${deployment.metadata?.name}`);
    const firstStep =
      /-l 'app\.kubernetes\.io\/component in \(([^)]*)\)'/.exec(script)?.[1]?.split(',') ?? [];
    const component = (m: (typeof manifests)[number]) =>
      m.model?.metadata?.labels?.['app.kubernetes.io/component'];
    for (const key of ['v1/Namespace', 'v1/ConfigMap', 'v1/Secret', 'batch/v1/Job']) {
      for (const manifest of manifests.filter((m) => m.key === key))
        expect(firstStep).toContain(component(manifest));
    }
    expect(firstStep).not.toContain(deployment.metadata?.labels?.['app.kubernetes.io/component']);
    expect(script.indexOf('kubectl -n "$NS" wait')).toBeLessThan(
      script.lastIndexOf('kubectl apply -k "$DIR"'),
    );
  });
});

describe('container image (deploy/Dockerfile)', () => {
  const froms = docker.filter((i) => i.keyword === 'FROM');
  const runtime = docker.filter((i) => i.stage === froms.length - 1);

  it('builds in stages and runs on a slim Node 20 image', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms.at(-1)?.args).toMatch(/^node:20-bookworm-slim AS runtime$/);
    expect(docker.some((i) => i.keyword === 'RUN' && /npm ci\b/.test(i.args))).toBe(true);
    expect(
      docker.some(
        (i) => i.keyword === 'RUN' && /npm run build/.test(i.args) && /npm prune --omit=dev/.test(i.args),
      ),
    ).toBe(true);
    const copied = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args.split(' ').at(-1));
    expect(copied).toEqual(expect.arrayContaining(['./node_modules', './dist', './migrations']));
  });

  it('runs the compiled server as a non-root user', () => {
    const user = runtime.find((i) => i.keyword === 'USER')?.args ?? '';
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(Number(user.split(':')[0])).toBe(10001);
    const cmd = JSON.parse(runtime.find((i) => i.keyword === 'CMD')?.args ?? '[]') as string[];
    expect(cmd[0]).toBe('node');
    expect(existsSync(sourceOf(cmd[1] ?? ''))).toBe(true);
    expect(runtime.find((i) => i.keyword === 'STOPSIGNAL')?.args).toBe('SIGTERM');
  });

  it('exposes the default port and checks its health on a path the app serves', () => {
    expect(Number(runtime.find((i) => i.keyword === 'EXPOSE')?.args)).toBe(DEFAULTS.port);
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain(`'${OPERATIONS_PATHS.liveness}'`);
    expect(healthcheck).not.toMatch(/\bcurl\b|\bwget\b/);
    const envNames = runtime
      .filter((i) => i.keyword === 'ENV')
      .flatMap((i) => [...i.args.matchAll(/([A-Z_]+)=/g)].map((m) => m[1]));
    expect(envNames.length).toBeGreaterThan(0);
    for (const name of envNames) expect(CONFIG_ENV_VARS).toContain(name);
  });

  it('leaves local state out of the build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data', 'dist', '.git']));
  });
});

describe('CONFIG_ENV_VARS', () => {
  it('lists exactly the variables config.ts reads', () => {
    const source = readFileSync(path.join(ROOT, 'src/server/config.ts'), 'utf8');
    const body = source.slice(source.indexOf('export function loadConfig'));
    const read = new Set(
      [...body.matchAll(/\b(?:read|integer|oneOf|url|boolean)\(\s*'([A-Z_]+)'/g)].map((m) => m[1]),
    );
    expect([...read].sort()).toEqual([...CONFIG_ENV_VARS].sort());
  });
});
