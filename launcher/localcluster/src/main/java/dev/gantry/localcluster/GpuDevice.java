package dev.gantry.localcluster;

/**
 * One GPU an agent offers. {@code index} is what the task sees in {@code CUDA_VISIBLE_DEVICES}:
 * the device's position in PCI bus order for a real GPU (tasks run with
 * {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}), or a per-agent number for a simulated one.
 */
public record GpuDevice(int index, String model, String uuid, String busId, boolean simulated) {}
