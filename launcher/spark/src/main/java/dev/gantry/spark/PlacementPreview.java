package dev.gantry.spark;

import dev.gantry.placement.ClusterState;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.Placer;
import dev.gantry.placement.Plan;
import java.util.List;
import java.util.Map;

/**
 * The plan the Mesos backend would make for an application if {@code offers} arrived at once,
 * without subscribing or launching: {@code gantry run --dry-run} shows it. The demand is built
 * from the same settings, by the same code, as the backend's.
 */
public final class PlacementPreview {
    private PlacementPreview() {}

    public static Plan plan(Map<String, String> sparkConf, List<OfferView> offers, long nowMillis) {
        MesosBackendConf conf = MesosSparkSettings.read(sparkConf, "mesos://preview");
        int executors = conf.dynamicAllocation() ? 0 : conf.staticExecutors();
        return new Placer().plan(offers, MesosSchedulerBackend.demand(conf, executors), ClusterState.empty(nowMillis));
    }
}
