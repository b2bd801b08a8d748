package dev.gantry.training.collective;

/**
 * What the ring algorithms work with: this worker's place, the frame sizes every worker agreed
 * on, and the two directions of the ring (frames go out to rank + 1 and come in from rank - 1).
 */
record RingLinks(int rank, int size, int chunkBytes, int maxMessageBytes, RingSender sender, RingReceiver receiver) {

    int chunkFloats() {
        return chunkBytes / Float.BYTES;
    }
}
