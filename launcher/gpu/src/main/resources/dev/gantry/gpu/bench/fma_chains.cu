// The CUDA C that fma_chains.ptx (written by hand, shipped beside this file) is equivalent to.
// `gantry bench gpu` loads the PTX with cuModuleLoadData, so it needs no CUDA toolkit; to regenerate
// PTX from this source with one:
//
//   nvcc -ptx -arch=sm_80 -o fma_chains.ptx fma_chains.cu
//
// sm_80 PTX is JIT-compiled by the driver for any newer GPU (sm_90 for H100). nvcc's output names its
// registers differently but holds the same 256 fma.rn.f32 per loop iteration; keep CHAINS and UNROLL
// in step with FmaKernel.java, which counts the floating-point operations from them. nvcc also writes
// its own toolkit's PTX ISA version (9.0 for CUDA 13, which only drivers 580+ load); the shipped file
// says .version 7.0 (CUDA 11.0), so any driver from CUDA 11 on can load it.
//
// Each thread runs CHAINS independent chains x = x * a + b, so the FMA pipes always have independent
// work (one chain alone would wait on the FMA latency), and writes their sum so none of it is dead
// code. With a = 0.999 and b = 0.001 every chain converges to 1: no overflow, no denormals.

#define CHAINS 8
#define UNROLL 32

extern "C" __global__ void fma_chains(float *out, float a, float b, int iterations)
{
    float x[CHAINS];
#pragma unroll
    for (int c = 0; c < CHAINS; c++) {
        x[c] = (float)threadIdx.x + (float)c;
    }
    for (int i = 0; i < iterations; i++) {
#pragma unroll
        for (int u = 0; u < UNROLL; u++) {
#pragma unroll
            for (int c = 0; c < CHAINS; c++) {
                x[c] = fmaf(x[c], a, b);
            }
        }
    }
    float sum = 0.0f;
#pragma unroll
    for (int c = 0; c < CHAINS; c++) {
        sum += x[c];
    }
    out[blockIdx.x * blockDim.x + threadIdx.x] = sum;
}
