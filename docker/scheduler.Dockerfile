# The scheduler image (compose profile `scheduler`): `collect-daily` runs collect in process and drift
# and retrain as `bin/pokewatch` subprocesses, so it needs both the collector and the training jar.
# They sit where the launcher looks for them in a checkout (<module>/target/<module>.jar), whole
# executable jars: the jobs are batch runs, where the layered extraction of docker/Dockerfile saves
# nothing worth a second layout. Build from the repository root after `make build`:
#   docker build -f docker/scheduler.Dockerfile -t pokewatch/scheduler:latest .
FROM eclipse-temurin:25-jre
# the same fixed uid/gid as docker/Dockerfile (10001), so the mounted data/ and models/ fit both
RUN groupadd --system --gid 10001 pokewatch && useradd --system --uid 10001 --gid pokewatch --home /app pokewatch \
    && mkdir -p /app/data /app/models /app/reports /app/config /app/logs && chown -R pokewatch:pokewatch /app
WORKDIR /app
COPY collector-service/target/collector-service.jar collector-service/target/collector-service.jar
COPY training-service/target/training-service.jar training-service/target/training-service.jar
COPY bin/pokewatch bin/pokewatch
COPY config/jvm.properties config/jvm.properties
USER pokewatch
# no jar override: each command finds its own module's jar, as in a checkout
ENV SPRING_PROFILES_ACTIVE=docker \
    POKEWATCH_DEFAULT_COMMAND=collect-daily \
    POKEWATCH_JAVA_OPTS="-XX:MaxRAMPercentage=40" \
    MANAGEMENT_PORT=8081
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
    CMD ["/app/bin/pokewatch", "health", "8081", "/actuator/health"]
ENTRYPOINT ["bin/pokewatch"]
