package dev.gantry.gpu.bench;

import static dev.gantry.gpu.CudaDriver.check;

import dev.gantry.gpu.CudaDevice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * Measures one device: device-to-device copy, pinned host-to-device and device-to-host copies, and
 * FP32 FMA throughput, each in its device's primary context (the one CUDA runtime libraries share).
 */
final class DeviceBench {
    /** Where Linux lists PCI devices, with each one's negotiated link. */
    static final Path SYSFS_PCI_DEVICES = Path.of("/sys/bus/pci/devices");

    private final CudaDevice device;
    private final long bytes;
    private final Sampler sampler;

    DeviceBench(CudaDevice device, long bytes, Sampler sampler) {
        this.device = device;
        this.bytes = bytes;
        this.sampler = sampler;
    }

    DeviceResult run() {
        CUdevice handle = new CUdevice();
        check(JCudaDriver.cuDeviceGet(handle, device.ordinal()), "cuDeviceGet");
        CUcontext context = new CUcontext();
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, handle), "cuDevicePrimaryCtxRetain");
        try {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            return DeviceResult.of(device, measure());
        } finally {
            JCudaDriver.cuCtxSetCurrent(null);
            JCudaDriver.cuDevicePrimaryCtxRelease(handle);
        }
    }

    private List<Measurement> measure() {
        List<Measurement> results = new ArrayList<>();
        CUdeviceptr source = new CUdeviceptr();
        CUdeviceptr target = new CUdeviceptr();
        Pointer host = new Pointer();
        try (EventTimer timer = new EventTimer()) {
            check(JCudaDriver.cuMemAlloc(source, bytes), "cuMemAlloc");
            check(JCudaDriver.cuMemAlloc(target, bytes), "cuMemAlloc");
            // Touch every page first, so no copy pays for first use.
            check(JCudaDriver.cuMemsetD8(source, (byte) 1, bytes), "cuMemsetD8");
            check(JCudaDriver.cuMemsetD8(target, (byte) 2, bytes), "cuMemsetD8");
            check(JCudaDriver.cuMemAllocHost(host, bytes), "cuMemAllocHost");

            PeakRates.Peak memory = PeakRates.memory(device);
            Samples d2d = sampler.sample(n -> timer.seconds(n,
                    () -> check(JCudaDriver.cuMemcpyDtoD(target, source, bytes), "cuMemcpyDtoD")));
            results.add(Measurement.of("d2d", "device-to-device copy", "bytes", d2d, 2.0 * bytes,
                    "bytes read + bytes written", memory));

            Samples h2d = sampler.sample(n -> timer.seconds(n,
                    () -> check(JCudaDriver.cuMemcpyHtoD(target, host, bytes), "cuMemcpyHtoD")));
            // Read while the link is still up to speed from the copies.
            PeakRates.Peak link = pcieLink();
            results.add(Measurement.of("h2d", "host-to-device copy (pinned)", "bytes", h2d, bytes,
                    "bytes copied", link));

            Samples d2h = sampler.sample(n -> timer.seconds(n,
                    () -> check(JCudaDriver.cuMemcpyDtoH(host, source, bytes), "cuMemcpyDtoH")));
            results.add(Measurement.of("d2h", "device-to-host copy (pinned)", "bytes", d2h, bytes,
                    "bytes copied", link));

            results.add(fp32(timer));
            return results;
        } finally {
            JCudaDriver.cuMemFreeHost(host);
            JCudaDriver.cuMemFree(source);
            JCudaDriver.cuMemFree(target);
        }
    }

    private Measurement fp32(EventTimer timer) {
        int blocks = FmaKernel.blocks(device.multiprocessors());
        CUdeviceptr out = new CUdeviceptr();
        check(JCudaDriver.cuMemAlloc(out, (long) blocks * FmaKernel.THREADS_PER_BLOCK * Float.BYTES), "cuMemAlloc");
        try (FmaKernel kernel = new FmaKernel()) {
            int iterations = iterationsFor(kernel, timer, blocks, out);
            Samples samples = sampler.sample(n -> timer.seconds(n, () -> kernel.launch(blocks, out, iterations)));
            return Measurement.of("fp32", "FP32 FMA throughput", "flop", samples,
                    FmaKernel.flopsPerLaunch(blocks, iterations),
                    String.format(Locale.ROOT, "%d blocks x %d threads x %d iterations x %d FMAs x 2",
                            blocks, FmaKernel.THREADS_PER_BLOCK, iterations, FmaKernel.FMAS_PER_ITERATION),
                    PeakRates.fp32(device));
        } finally {
            JCudaDriver.cuMemFree(out);
        }
    }

    /** Loop iterations that make one launch last about a tenth of a batch, long enough to dwarf launch overhead. */
    private int iterationsFor(FmaKernel kernel, EventTimer timer, int blocks, CUdeviceptr out) {
        int probe = 64;
        timer.seconds(1, () -> kernel.launch(blocks, out, probe));
        double seconds = timer.seconds(1, () -> kernel.launch(blocks, out, probe));
        double wanted = Math.max(1e-3, sampler.batchSeconds() / 10);
        return (int) Math.max(1, Math.min(1 << 24, Math.round(probe * wanted / Math.max(seconds, 1e-7))));
    }

    private PeakRates.Peak pcieLink() {
        Optional<PcieLink> link = PcieLink.read(SYSFS_PCI_DEVICES, device.pciBusId());
        return link.map(l -> new PeakRates.Peak(l.bytesPerSecond(), l.describe())).orElse(null);
    }
}
