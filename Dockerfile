# Video Store Service image: built with the Maven wrapper, run on a JRE as a non-root user.
#
#   docker build -t video-store .
#   docker run -d --name video-store -p 8080:8080 \
#     -v "$PWD/config.yml:/app/config.yml" -v "$PWD/videos:/app/videos" video-store
#
# The host's config.yml and videos/ must be readable/writable by uid 10001 (docs/operations.md#docker).
# compose.yaml runs the same image with a videos volume and secrets from .env.
# Arguments after the image name go to the service, e.g. `docker run --rm ... video-store --test-recording`.
#
# Builds for linux/amd64 and linux/arm64 (a 64-bit ARM edge box such as a Raspberry Pi 4 or 5); both base
# images are multi-arch. Docker picks the host's platform; for another, or both at once (BuildKit, the default
# builder since Docker 23; cross-building runs the run stage's RUN under QEMU; docs/operations.md#on-arm):
#   docker buildx build --platform linux/amd64,linux/arm64 -t registry.example/video-store --push .
# The jar is built once on the build host's platform (Java is the same everywhere) and carries only the
# target's bundled ffmpeg (-Djavacpp.platform), so neither image grows by the other's 25 MB. Other platforms
# (32-bit ARM, ppc64le, s390x) have no bundled ffmpeg: the build stops rather than make an image that cannot record.

# ---- build ------------------------------------------------------------------------------------------------
FROM --platform=$BUILDPLATFORM eclipse-temurin:17-jdk AS build
# Set by BuildKit from --platform (or the host's): amd64 or arm64. The legacy builder leaves it empty, and
# gets the jar with both platforms' ffmpeg.
ARG TARGETARCH
WORKDIR /build
RUN case "${TARGETARCH}" in \
      amd64) echo -Djavacpp.platform=linux-x86_64 ;; \
      arm64) echo -Djavacpp.platform=linux-arm64 ;; \
      "") echo ;; \
      *) echo "no bundled ffmpeg for linux/${TARGETARCH}: build for linux/amd64 or linux/arm64" >&2; exit 1 ;; \
    esac > ffmpeg-platform

# Wrapper and pom first: this layer (Maven itself plus every dependency) is rebuilt only when they change.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline $(cat ffmpeg-platform)

# config.yml.template is packaged into the jar (the service copies it when config.yml is missing).
COPY config.yml.template ./
COPY src src
RUN ./mvnw -B -q package -DskipTests $(cat ffmpeg-platform)
# Boot's layers (jarmode=tools): the dependencies (about 100 MB with the bundled ffmpeg) change only with the
# pom, the application layer (under 1 MB) with every code change, so an update pulls a small layer.
RUN java -Djarmode=tools -jar target/app.jar extract --layers --destination extracted

# ---- run --------------------------------------------------------------------------------------------------
# The target platform's JRE (Ubuntu; glibc 2.35 or newer, which the bundled ffmpeg needs).
FROM eclipse-temurin:17-jre

RUN groupadd --gid 10001 videostore \
 && useradd --no-log-init --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin videostore \
 && mkdir -p /app/videos /app/cache \
 && chown -R 10001:10001 /app

WORKDIR /app
# The extracted form (/app/app.jar with its libraries in /app/lib/), least changing layer first.
COPY --from=build --chown=10001:10001 /build/extracted/dependencies/ ./
COPY --from=build --chown=10001:10001 /build/extracted/spring-boot-loader/ ./
COPY --from=build --chown=10001:10001 /build/extracted/snapshot-dependencies/ ./
COPY --from=build --chown=10001:10001 /build/extracted/application/ ./

# The bundled ffmpeg (about 62 MB; 53 MB on arm64) is unpacked here at the first start of each container.
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

# Class data sharing (Spring Boot's CDS support): a training run starts the service on the built-in demo
# configuration in a scratch folder and exits when the Spring context has refreshed
# (-Dspring.context.exit=onRefresh: nothing is recorded, no port is opened); the JVM writes the classes it
# loaded to /app/app.jsa, which every start then maps instead of loading and verifying them again
# (bench/startup.sh: ready in about half the time). Made with the flags above; a start with other flags
# (JAVA_TOOL_OPTIONS) still works, and the JVM says so when it cannot use the archive.
RUN mkdir /tmp/training && cd /tmp/training \
 && VIDEOSTORE_CACHE_DIR=/tmp/training/cache \
    java -XX:ArchiveClassesAtExit=/app/app.jsa -Dspring.context.exit=onRefresh -jar /app/app.jar >/dev/null \
 && cd / && rm -rf /tmp/training

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
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
CMD []
