# syntax=docker/dockerfile:1
# The portal's container image: Next's standalone server and the job worker, nothing else.
# (Not built on the development machines of this project, which cannot pull images: the e2e
# project `standalone` runs exactly what the last stage copies, .next/standalone.)
#
#   docker build -t portail .
#   docker run -p 3000:3000 --env-file portail.env portail                 # web
#   docker run --env-file portail.env portail node worker.cjs              # job worker
# See docs/deploy.md and deploy/compose.yaml.

ARG NODE_VERSION=20.19

# 1. Dependencies, from the lock file only (cached until it changes).
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. Build: next build (output: 'standalone'), then scripts/standalone.mjs adds the static
#    assets, the files read at run time (scripts/runtime-files.mjs: db/migrations, the
#    common-password list) and worker.cjs to .next/standalone.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

# 3. Runtime: the standalone output alone, as an unprivileged user.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    # Docker sets HOSTNAME to the container's id: listen on every interface instead.
    HOSTNAME=0.0.0.0 \
    # Embedded-mode files (only without DATABASE_URL / S3_ENDPOINT): a volume, not the image.
    DATA_DIR=/data
WORKDIR /app
RUN groupadd --system --gid 10001 portail \
 && useradd --system --uid 10001 --gid portail --home-dir /app --shell /usr/sbin/nologin portail \
 && mkdir -p /data && chown portail:portail /data
COPY --from=build --chown=portail:portail /app/.next/standalone ./
USER portail
EXPOSE 3000
# Liveness only: a database outage must make the instance unready (/api/health), not restarted.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop, a rollout) stops the server cleanly: give it more than SHUTDOWN_TIMEOUT.
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
