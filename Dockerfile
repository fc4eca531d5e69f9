# syntax=docker/dockerfile:1
# Build: docker build -t storefront-api .   (--build-arg PG_MAJOR=<the database server's major version>, default 15)
# Run:   docker run --read-only --tmpfs /tmp -e DATABASE_URL=... -e REDIS_URL=... -e JWT_PRIVATE_KEY="$(cat key.pem)" -p 8080:8080 -p 9090:9090 storefront-api

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY api/pom.xml api/
COPY cache-tuning/pom.xml cache-tuning/
COPY perf/pom.xml perf/
COPY ops-tests/pom.xml ops-tests/
COPY testkit/pom.xml testkit/
COPY dev/pom.xml dev/
RUN mvn -B -q -pl api -am dependency:go-offline -DexcludeReactor=true || true
COPY testkit/src testkit/src
COPY api/src api/src
RUN mvn -B -q -pl api -am package -DskipTests

FROM eclipse-temurin:17-jre
# pg_dump / pg_restore for the `backup` and `restore-drill` commands, of the database server's major
# version exactly (they refuse to run otherwise): PG_MAJOR must match the server. From the PostgreSQL
# project's apt repository, which carries every supported major for this Ubuntu release; installed at
# /usr/lib/postgresql/$PG_MAJOR/bin, where the commands look for them.
ARG PG_MAJOR=15
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && . /etc/os-release \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt ${VERSION_CODENAME}-pgdg main" \
    > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-${PG_MAJOR} \
 && apt-get purge -y curl && apt-get autoremove -y && rm -rf /var/lib/apt/lists/* \
 && /usr/lib/postgresql/${PG_MAJOR}/bin/pg_dump --version
# Numeric non-root user: Kubernetes can check runAsNonRoot without a passwd lookup.
WORKDIR /app
# Root-owned and read-only to the process.
COPY --from=build /src/api/target/storefront-api.jar /app/storefront-api.jar
USER 10001:10001
# Read-only root filesystem: the only writable place is the /tmp volume (Netty/JVM scratch files).
VOLUME /tmp
ENV JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dvertx.cacheDirBase=/tmp/vertx-cache" \
    HTTP_PORT=8080 \
    MANAGEMENT_PORT=9090
# 8080: the public API; 9090: metrics and probes, for the cluster only (keep it off the ingress).
EXPOSE 8080 9090
ENTRYPOINT ["java", "-jar", "/app/storefront-api.jar"]
CMD ["serve"]
