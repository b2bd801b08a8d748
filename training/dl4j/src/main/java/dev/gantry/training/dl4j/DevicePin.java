package dev.gantry.training.dl4j;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a replica's work on its GPU. ND4J's CUDA backend binds each Java thread to a device, and
 * arrays live where they were made, so every entry into the replica re-binds the calling thread:
 * Spark may call from a different thread than the one that created the replica.
 */
final class DevicePin {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePin.class);
    private static final AtomicBoolean WARNED_CPU = new AtomicBoolean();
    private static final DevicePin NONE = new DevicePin(-1);

    private final int device;

    private DevicePin(int device) {
        this.device = device;
    }

    /** Runs wherever ND4J puts the work: the CPU backend, or the CUDA backend's current device. */
    static DevicePin none() {
        return NONE;
    }

    static DevicePin of(List<Integer> gpus) {
        if (gpus.isEmpty()) {
            return NONE;
        }
        if (Nd4j.getEnvironment().isCPU()) {
            if (WARNED_CPU.compareAndSet(false, true)) {
                LOG.warn("GPUs {} were given, but ND4J runs its CPU backend (build with -Pgpu for CUDA); training on the CPU", gpus);
            }
            return NONE;
        }
        AffinityManager affinity = Nd4j.getAffinityManager();
        int device = gpus.get(0);
        if (device < 0 || device >= affinity.getNumberOfDevices()) {
            throw new IllegalArgumentException("gpus: CUDA device " + device + " is not among the "
                    + affinity.getNumberOfDevices() + " this process sees");
        }
        if (gpus.size() > 1) {
            LOG.warn("a DL4J replica computes on one GPU: using device {} of {}", device, gpus);
        }
        DevicePin pin = new DevicePin(device);
        pin.enter();
        return pin;
    }

    /** Binds the calling thread to the replica's device, if it has one. */
    void enter() {
        if (device >= 0 && !Integer.valueOf(device).equals(Nd4j.getAffinityManager().getDeviceForCurrentThread())) {
            Nd4j.getAffinityManager().unsafeSetDevice(device);
        }
    }
}
