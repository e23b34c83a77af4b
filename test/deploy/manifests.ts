import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEPLOY_DIR = path.join(ROOT, 'deploy');
export const K8S_DIR = path.join(DEPLOY_DIR, 'k8s');

/** The kinds deploy/k8s may hold, each with the generated model whose validate() checks the schema. */
const MODELS = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
} as const;

type Models = typeof MODELS;
export type ModelKey = keyof Models;
export type ManifestOf<K extends ModelKey> = InstanceType<Models[K]>;

export interface LoadedManifest {
  file: string;
  key: string;
  /** The validated model, or undefined when the kind is not one deploy/k8s may hold. */
  model: ManifestOf<ModelKey> | undefined;
  /** The schema violation, when validate() refused the document. */
  error: string | undefined;
}

function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
    return document.toJS() as unknown;
  });
}

export function k8sFiles(): string[] {
  return readdirSync(K8S_DIR)
    .filter((name) => /\.ya?ml$/.test(name) && name !== 'kustomization.yaml')
    .sort();
}

export function loadKustomization(): { namespace: string; resources: string[]; images: { name: string }[] } {
  const [document] = readYamlDocuments(path.join(K8S_DIR, 'kustomization.yaml'));
  return document as { namespace: string; resources: string[]; images: { name: string }[] };
}

/** Every document of every manifest, validated against the Kubernetes schema of its kind. */
export function loadManifests(): LoadedManifest[] {
  return k8sFiles().flatMap((file) =>
    readYamlDocuments(path.join(K8S_DIR, file))
      .filter((document) => document !== null)
      .map((document) => {
        const { apiVersion, kind } = document as { apiVersion?: string; kind?: string };
        const key = `${apiVersion}/${kind}`;
        const Model = MODELS[key as ModelKey] as (new (data: unknown) => ManifestOf<ModelKey>) | undefined;
        if (!Model) return { file, key, model: undefined, error: `unexpected kind ${key}` };
        const model = new Model(document);
        try {
          model.validate();
          return { file, key, model, error: undefined };
        } catch (error) {
          return { file, key, model, error: error instanceof Error ? error.message : String(error) };
        }
      }),
  );
}

/** The one manifest of a kind (the tests fail when there are none or several). */
export function only<K extends ModelKey>(manifests: LoadedManifest[], key: K): ManifestOf<K> {
  const found = manifests.filter((m) => m.key === key);
  if (found.length !== 1) throw new Error(`expected one ${key}, found ${found.length}`);
  return found[0]?.model as ManifestOf<K>;
}

export interface DockerInstruction {
  keyword: string;
  args: string;
  /** Index of the build stage (FROM) it belongs to. */
  stage: number;
}

/** The Dockerfile as instructions, continuation lines joined and comments dropped. */
export function parseDockerfile(): DockerInstruction[] {
  const text = readFileSync(path.join(DEPLOY_DIR, 'Dockerfile'), 'utf8');
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  let stage = -1;
  return logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    if (keyword.toUpperCase() === 'FROM') stage += 1;
    return { keyword: keyword.toUpperCase(), args: rest.join(' '), stage };
  });
}

/** The httpGet paths every probe of the manifests asks, and the Dockerfile's HEALTHCHECK path. */
export function probePaths(manifests: LoadedManifest[]): string[] {
  const deployment = only(manifests, 'apps/v1/Deployment');
  const fromProbes = (deployment.spec?.template.spec?.containers ?? []).flatMap((container) =>
    [container.startupProbe, container.livenessProbe, container.readinessProbe].flatMap((probe) =>
      probe?.httpGet?.path ? [probe.httpGet.path] : [],
    ),
  );
  const healthcheck = parseDockerfile().find((i) => i.keyword === 'HEALTHCHECK');
  const fromImage = healthcheck ? [...healthcheck.args.matchAll(/\/[a-z]+(?=')/g)].map((m) => m[0]) : [];
  return [...new Set([...fromProbes, ...fromImage])];
}
