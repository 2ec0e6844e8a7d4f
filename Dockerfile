# Video Store Service image: built with the Maven wrapper, run on a JRE as a non-root user.
#
#   docker build -t video-store .
#   docker run -d --name video-store -p 8080:8080 \
#     -v "$PWD/config.yml:/app/config.yml" -v "$PWD/videos:/app/videos" video-store
#
# The host's config.yml and videos/ must be readable/writable by uid 10001 (docs/operations.md#docker).
# compose.yaml runs the same image with a videos volume and secrets from .env.
# Arguments after the image name go to the service, e.g. `docker run --rm ... video-store --test-recording`.
# The bundled ffmpeg is linux-x86_64 only: build and run this image for linux/amd64.

# ---- build ------------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

# Wrapper and pom first: this layer (Maven itself plus every dependency) is rebuilt only when they change.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline

# config.yml.template is packaged into the jar (the service copies it when config.yml is missing).
COPY config.yml.template ./
COPY src src
RUN ./mvnw -B -q package -DskipTests

# ---- run --------------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

RUN groupadd --gid 10001 videostore \
 && useradd --no-log-init --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin videostore \
 && mkdir -p /app/videos /app/cache \
 && chown -R 10001:10001 /app

WORKDIR /app
COPY --from=build --chown=10001:10001 /build/target/app.jar /app/app.jar

# The bundled ffmpeg (about 60 MB) is unpacked here at the first start of each container.
ENV VIDEOSTORE_CACHE_DIR=/app/cache

# JVM flags for an idle RSS well under 256 MB. Measured on the build machine (2 cores, JDK 17.0.15,
# median of 5 starts, RSS read after start-up; bench/startup.sh and bench/webhook-intake.sh):
#   JVM defaults (24 GiB host)                                   idle RSS ~220-234 MB, start ~3.7 s
#   -XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1    idle ~126-135 MB, but webhook intake only
#                                                                ~1,970 req/s (p99 33 ms): C1-only code is slow
#   -XX:+UseSerialGC -Xms32m -Xmx256m                (these)     idle ~155 MB, ~3,100 req/s (p99 17 ms)
# Why: SerialGC has the smallest footprint and suits 1-2 cores. Without -Xms the JVM starts with 1/64 of
# RAM as heap (capped at -Xmx) and touches all of eden while starting; -Xms32m lets the heap grow only
# as needed (about 35 MB is live after start), while -Xmx256m keeps headroom for bursts of webhooks.
# C2 stays on: it costs ~30 MB but gives ~55 % more webhook throughput. MaxMetaspaceSize and -Xss were left
# out: neither changed the RSS, and a metaspace cap only adds a way to fail. Override with
# `docker run -e JAVA_TOOL_OPTIONS=...`; the JVM prints "Picked up JAVA_TOOL_OPTIONS" on start.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms32m -Xmx256m"

# Clips. config.yml is a single file: mount it at /app/config.yml (when it is missing, the service creates
# it from the template inside the container and records the built-in demo camera).
VOLUME ["/app/videos"]
EXPOSE 8080
USER 10001

# The JRE image has no curl: the jar asks its own liveness probe (/actuator/health/liveness) in a short-lived
# JVM, about 0.8 s and 90 MB per check with C1 only. Liveness only: /actuator/health has ffmpeg, disk, cameras.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-jar", "/app/app.jar", "--health"]
# The service stops its recordings gracefully within about 40 s: run with --stop-timeout 45 (compose.yaml does).
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
CMD []
