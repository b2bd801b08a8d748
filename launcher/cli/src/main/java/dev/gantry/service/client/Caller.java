package dev.gantry.service.client;

/** Who the service takes the client's token for. */
public record Caller(String user, String team) {}
