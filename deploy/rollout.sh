#!/bin/sh
# Deploys or upgrades Customer Care Registry: the migration Job of the release first, then the app.
#   deploy/rollout.sh [kustomize dir]      (default: deploy/k8s; set the image tag in its kustomization)
set -eu
DIR=${1:-$(dirname "$0")/k8s}
NS=customer-care

# A Job's pod template is immutable: the previous release's Job goes first.
kubectl -n "$NS" delete job ccr-migrate --ignore-not-found --wait=true

# 1. Namespace, configuration, secrets, the attachments volume and the migration Job.
kubectl apply -k "$DIR" -l 'app.kubernetes.io/component in (config,migrate)'

# 2. The new schema before any new pod starts (forward-compatible, so old pods keep serving).
if ! kubectl -n "$NS" wait --for=condition=complete job/ccr-migrate --timeout=15m; then
  kubectl -n "$NS" logs job/ccr-migrate --tail=100 || true
  echo "Migration failed: the running release is untouched." >&2
  exit 1
fi

# 3. Everything else: a rolling update that waits for each new pod's /readyz.
kubectl apply -k "$DIR"
kubectl -n "$NS" rollout status deployment/ccr-server --timeout=15m
