package dev.gantry.spark;

import dev.gantry.placement.ClusterState;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.Placer;
import dev.gantry.placement.Plan;
import java.util.List;

/**
 * The plan the Mesos backend would make for an application if {@code offers} arrived at once,
 * without subscribing or launching: {@code gantry run --dry-run} shows it. The demand is the
 * backend's own, from the same typed settings ({@link MesosBackendConf#demand}).
 */
public final class PlacementPreview {
    private PlacementPreview() {}

    public static Plan plan(MesosSparkSettings settings, List<OfferView> offers, long nowMillis) {
        MesosBackendConf conf = settings.backend();
        int executors = conf.dynamicAllocation() ? 0 : conf.staticExecutors();
        return new Placer().plan(offers, conf.demand(executors), ClusterState.empty(nowMillis));
    }
}
