# syntax=docker/dockerfile:1.7
#
# Gantry's executor image: CUDA 12 runtime with cuDNN 9 (TensorFlow Java's GPU build needs both),
# Temurin's Java 17 JRE, and Gantry's jars with Spark 4 among them (Spark comes from Gantry's own
# Maven build, so no separate Spark download). Mesos runs executors in it with the unified
# containerizer; NVIDIA_VISIBLE_DEVICES tells Mesos' gpu/nvidia isolator to mount the host's driver
# at /usr/local/nvidia. Build from the repository root (BuildKit; the first build downloads about
# 2 GB of Maven dependencies into a cache that later builds reuse):
#
#   docker build -f docker/executor.Dockerfile -t gantry/executor:0.1.0-SNAPSHOT .
#
# Jars, one copy each in /opt/gantry/jars, linked from the classpath folders:
#   /opt/gantry/lib/                   the launcher's runtime classpath (Spark, Gantry; no backend)
#   /opt/gantry/backends/tensorflow/   the whole classpath of a TensorFlow Java job (GPU natives)
#   /opt/gantry/backends/dl4j/         the whole classpath of a DL4J job (CPU natives)
# TensorFlow Java and DL4J need different javacpp versions and cannot share one classpath, so an
# executor takes exactly one backend folder: -cp '/opt/gantry/backends/<framework>/*'.
#
# Versions are the build's (root pom.xml); DockerImageTest fails when they drift apart.

ARG GANTRY_VERSION=0.1.0-SNAPSHOT
ARG JAVA_VERSION=17
ARG SPARK_VERSION=4.2.0
ARG SCALA_BINARY_VERSION=2.13
# CUDA 12.6 as JCuda 12.6 is built for; TensorFlow Java 1.1.0 wants 12.5+ and cuDNN 9.
ARG CUDA_VERSION=12.6.3
ARG CUDA_IMAGE=nvidia/cuda:${CUDA_VERSION}-cudnn-runtime-ubuntu24.04

FROM maven:3.9-eclipse-temurin-${JAVA_VERSION} AS build
ARG SPARK_VERSION
ARG SCALA_BINARY_VERSION
WORKDIR /src
COPY . .
# TensorFlow with its CUDA natives (profile gpu); DL4J with its CPU natives: ND4J's only CUDA builds
# are for CUDA 11, which this CUDA 12 image does not carry. The jars are copied out in the same
# step, since the Maven cache mount is not part of the image.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -P gpu -pl launcher/cli,dist/tensorflow -am package \
 && mvn -B -q -DskipTests -pl dist/dl4j -am package \
 && docker/layout-jars.sh /opt/gantry "${SPARK_VERSION}" "${SCALA_BINARY_VERSION}"

FROM eclipse-temurin:${JAVA_VERSION}-jre-noble AS java

FROM ${CUDA_IMAGE}
ARG GANTRY_VERSION
ARG JAVA_VERSION
ARG SPARK_VERSION
ARG CUDA_VERSION
LABEL org.opencontainers.image.title="gantry-executor" \
      org.opencontainers.image.description="Spark ${SPARK_VERSION} executors for Gantry jobs on Mesos GPU agents" \
      org.opencontainers.image.version="${GANTRY_VERSION}" \
      dev.gantry.java.version="${JAVA_VERSION}" \
      dev.gantry.spark.version="${SPARK_VERSION}" \
      dev.gantry.cuda.version="${CUDA_VERSION}" \
      com.nvidia.volumes.needed="nvidia_driver"

ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="/opt/java/openjdk/bin:${PATH}"
COPY --from=java /opt/java/openjdk /opt/java/openjdk

# Mesos puts /usr/local/cuda/compat ahead of the host's driver on LD_LIBRARY_PATH, and that
# forward-compatibility libcuda only works with an older kernel driver than its own: on a host
# with a newer one, every CUDA call would fail (CUDA_ERROR_SYSTEM_DRIVER_MISMATCH). Without it the
# host's driver serves CUDA 12.6 code through minor-version compatibility (driver 525 or newer).
RUN rm -rf /usr/local/cuda/compat /usr/local/cuda-*/compat

COPY --from=build /opt/gantry /opt/gantry

# Mesos' gpu/nvidia isolator mounts the driver into containers whose image sets this.
ENV NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    GANTRY_HOME=/opt/gantry

# No entrypoint: Mesos runs the executor command Gantry builds (java -cp ... CoarseGrainedExecutorBackend).
