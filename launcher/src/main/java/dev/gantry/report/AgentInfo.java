package dev.gantry.report;

public record AgentInfo(String id, String host, int gpus, String gpuModel) {}
