package dev.gantry.examples;

/** {@code gantry serve} on an embedded cluster started on its own with {@code gantry cluster start}. */
class ServeIT extends ServeScenario {
    @Override
    String startCluster() throws Exception {
        Process cluster = gantry(temp.resolve("cluster.log"), "cluster", "start", "--port", "0", "--agents", "1",
                "--gpus", "2", "--cpus", "6", "--mem", "12288", "--work-dir", temp.resolve("sandboxes").toString());
        return awaitLine(temp.resolve("cluster.log"), MASTER, cluster);
    }
}
