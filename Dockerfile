# syntax=docker/dockerfile:1
# The worker's container image. Build from the repository root:
#   docker build -t REGION-docker.pkg.dev/PROJECT/worker-chart-export/worker:TAG .
# or with Cloud Build (docs/deploy.md). Without a Docker engine, `deploy/check-runtime-stage.sh`
# replays these stages from the build context (.dockerignore applied) on the same Node.js line, as the
# runtime stage's user, and proves the bundle starts on its dependencies.

# Node.js 24 (LTS) in every stage; the replay reads the major version from these two lines.
ARG NODE_IMAGE=node:24-slim
# Pin by digest for production builds: gcr.io/distroless/nodejs24-debian12:nonroot@sha256:...
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

# --- build: every dependency, then the worker's bundle (the `worker:build` target's command) ---
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY libs ./libs
COPY apps/esbuild-common.mjs ./apps/esbuild-common.mjs
COPY apps/worker ./apps/worker
RUN node apps/worker/esbuild.mjs

# --- deps: production dependencies only. The bundle keeps npm packages external and imports
# reflect-metadata, winston, typebox, protobufjs, cloudevents at start, inversify, got,
# @google-cloud/firestore and @google-cloud/storage lazily, and the local renderer's echarts,
# @napi-rs/canvas, dejavu-fonts-ttf and trading-signals on its first chart; all are `dependencies`.
# No install scripts: none of them builds anything (@napi-rs/canvas ships Skia as an optional dependency).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime: distroless Node.js 24 (no shell, no npm), user nonroot (65532) ---
FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
# /app belongs to root and the process runs as nonroot, so nothing under it is writable: record mode,
# which saves fixtures, is refused at start instead of failing at its first save.
ENV NODE_ENV=production CHARTS_FIXTURES_READ_ONLY=true
# package.json carries "type": "module" for the ES module bundle.
COPY --from=deps /app/package.json ./package.json
COPY --from=deps /app/node_modules ./node_modules
# main.js and its chunks/ ship together (the SDKs are in a chunk loaded after the server listens).
COPY --from=build /src/dist/apps/worker ./dist/apps/worker
# Chart-IMG fixtures (176 KB) so CHARTS_API_MODE=mock works in the image: a staging deploy can be
# smoke-tested without spending quota. Prod runs CHARTS_API_MODE=real and never reads them.
COPY fixtures/chart-api ./fixtures/chart-api
USER nonroot
EXPOSE 8080
# No HEALTHCHECK: Cloud Run probes GET /healthz through the service's startup probe (deploy/).
# The distroless entrypoint is node itself.
CMD ["--enable-source-maps", "dist/apps/worker/main.js"]
