# One image for every component; docker-compose.yml picks the component with its command
# (`node --import tsx deploy/one-service.ts <name>`). Without a command it runs them all in one
# process, as `npm start` does. TypeScript runs through tsx, a runtime dependency, so there is
# no build output to keep in step with the sources.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY platform ./platform
COPY services ./services
COPY gateway ./gateway
COPY edge ./edge
COPY deploy ./deploy
COPY scripts ./scripts
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/platform ./platform
COPY --from=build /app/services ./services
COPY --from=build /app/gateway ./gateway
COPY --from=build /app/edge ./edge
COPY --from=build /app/deploy ./deploy
COPY --from=build /app/scripts ./scripts
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# The server flags of deploy/node-flags.ts (why: there), for the default command and compose's.
ENV NODE_OPTIONS="--max-semi-space-size=64"
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "deploy/all-in-one.ts"]
