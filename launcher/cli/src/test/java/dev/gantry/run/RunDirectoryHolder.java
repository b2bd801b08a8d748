package dev.gantry.run;

import java.nio.file.Path;

/**
 * A process that holds a run directory until it is killed, as a launcher ({@code create BASE}) or
 * a driver ({@code join DIR}) does; prints the directory once it holds it.
 */
public final class RunDirectoryHolder {
    private RunDirectoryHolder() {}

    public static void main(String[] args) throws Exception {
        Path held;
        if (args[0].equals("create")) {
            held = RunDirectory.create(Path.of(args[1])).path();
        } else {
            held = Path.of(args[1]);
            RunDirectory.join(held);
        }
        System.out.println(held);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
