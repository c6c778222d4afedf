/**
 * Registries and namespaces trusted as sources of base images when no configuration says otherwise.
 * An entry is a registry host (`gcr.io`), or a host plus a path prefix (`docker.io/library`).
 * Organisations replace this list with their own mirror through the `trustedRegistries` setting.
 * Checked: 2026-11-24.
 */
export const DEFAULT_TRUSTED_REGISTRIES: string[] = [
  // Docker Official Images
  'docker.io/library',
  // Verified publishers and well-known vendor namespaces on Docker Hub
  'docker.io/nginxinc',
  'docker.io/bitnami',
  'docker.io/chainguard',
  'docker.io/circleci',
  'docker.io/grafana',
  'docker.io/hashicorp',
  'docker.io/redhat',
  // Docker's own namespaces: Docker Inc. (docker/dockerfile, docker/buildx-bin) and the Docker-sponsored Moby project
  'docker.io/docker',
  'docker.io/moby',
  // Vendor registries
  'registry.redhat.io',
  'gcr.io/distroless',
  'mcr.microsoft.com',
  'registry.access.redhat.com',
  'registry.k8s.io',
  'cgr.dev/chainguard',
  'public.ecr.aws/docker/library',
  'quay.io/centos',
];
