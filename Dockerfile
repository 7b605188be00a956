# syntax=docker/dockerfile:1
# biwaq-tracker: production image. Three stages: deps (build tools for better-sqlite3) → build
# (Remix build, dev dependencies pruned) → runtime (node:20-bookworm-slim, non-root, data in /data).
# The server applies pending migrations at start (`biwaq db migrate`, docs/decisions/005), so the
# runtime keeps the Prisma CLI, tsx, the generated clients, prisma/, prisma.config.ts and the sources
# the CLI runs (app/, cli/, bin/, server/).
# Tested without a Docker engine by scripts/docker-steps.sh, which runs these same steps; keep the
# two in step.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NPM_VERSION=11.19.1

# ---------------------------------------------------------------- deps
FROM ${NODE_IMAGE} AS deps
ARG NPM_VERSION
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# why: npm 11 honours package.json "allowScripts" (Prisma's engine downloads stay off).
RUN npm install -g "npm@${NPM_VERSION}"
WORKDIR /app
# Only what `npm ci` and its postinstall (prisma/build-schemas.mjs --generate) read, so this layer
# is cached until the dependencies or the data model change.
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma/ ./prisma/
COPY app/utils/database-url.ts ./app/utils/database-url.ts
RUN npm ci

# ---------------------------------------------------------------- build
FROM deps AS build
COPY . .
RUN npm run build \
 && npm prune --omit=dev

# ---------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=file:/data/biwaq.db \
    BIWAQ_DATA_DIR=/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
RUN groupadd --system --gid 10001 biwaq \
 && useradd --system --uid 10001 --gid biwaq --home-dir /app --shell /usr/sbin/nologin biwaq \
 && mkdir -p /data \
 && chown biwaq:biwaq /data
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/build ./build
COPY --from=build /app/app ./app
COPY --from=build /app/cli ./cli
COPY --from=build /app/bin ./bin
COPY --from=build /app/server ./server
USER biwaq
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server/index.js"]
