/**
 * Wire formats of Mesos' v1 HTTP API, shared by the scheduler client ({@code mesos}) and the
 * embedded master ({@code localcluster}): media types, Mesos' JSON mapping of protobuf messages,
 * and RecordIO framing of event streams. Depends on the Mesos protos only.
 */
package dev.gantry.protocol;
