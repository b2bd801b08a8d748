package dev.gantry.training.collective;

/** The collective a frame belongs to; its code travels in every frame header. */
enum Verb {
    ALL_REDUCE(1, "allReduce"),
    BROADCAST(2, "broadcast"),
    ALL_GATHER(3, "allGather");

    private final int code;
    private final String display;

    Verb(int code, String display) {
        this.code = code;
        this.display = display;
    }

    int code() {
        return code;
    }

    /** The name of the {@link Collectives} method, for messages. */
    String display() {
        return display;
    }

    static String displayOf(int code) {
        for (Verb v : values()) {
            if (v.code == code) {
                return v.display;
            }
        }
        return "unknown verb " + code;
    }
}
