# syntax=docker/dockerfile:1
# Build: docker build -t storefront-api .
# Run:   docker run --read-only --tmpfs /tmp -e DATABASE_URL=... -e REDIS_URL=... -e JWT_PRIVATE_KEY="$(cat key.pem)" -p 8080:8080 -p 9090:9090 storefront-api

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY api/pom.xml api/
COPY cache-tuning/pom.xml cache-tuning/
COPY perf/pom.xml perf/
COPY ops-tests/pom.xml ops-tests/
RUN mvn -B -q -pl api -am dependency:go-offline -DexcludeReactor=true || true
COPY api/src api/src
RUN mvn -B -q -pl api -am package -DskipTests

FROM eclipse-temurin:17-jre
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
