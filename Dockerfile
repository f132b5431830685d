# One image for every service of the platform: the build stage compiles the reactor once, the
# runtime stage holds each service's executable jar; docker-compose picks the jar per service.
FROM eclipse-temurin:21.0.8_9-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package \
 && mkdir /jars \
 && for m in ingest-service stream-aggregator query-api alert-service report-service traffic-simulator; do \
      cp "$m"/target/"$m"-*-exec.jar /jars/"$m".jar; \
    done

FROM eclipse-temurin:21.0.8_9-jre
RUN useradd --system --uid 10001 cea
WORKDIR /app
COPY --from=build /jars/ /app/
USER cea
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar"]
